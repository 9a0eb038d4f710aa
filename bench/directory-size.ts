// The supervisor directory at an organisation's size (issue 17: 500 supervisors in 50 teams): its
// table item's size against DynamoDB's 400 KB, and what a function pays when its minute-old copy
// runs out (unmarshall the GetItem answer, validate it with the schema, build the rosters), next
// to the shipped 11-person directory in the same run.
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type SupervisorDirectory, supervisorDirectorySchema } from '../functions/escalation/contracts/supervisor-directory.ts';
import { organisation } from '../test/helpers/organisation-directory.ts';
import { peopleNamesOf, rostersOf, teamMembersOf } from '../functions/escalation/core/supervisor-directory.ts';
import { loadEscalationSettings } from '../infra/escalation-settings.ts';
import { median, printTable, ratio } from './table.ts';

const ROUNDS = 201;

const item = (directory: SupervisorDirectory) =>
  marshall({ pk: 'DIRECTORY', sk: 'CURRENT', directory, version: 1, updatedAt: new Date().toISOString(), updatedBy: 'seed' });

/** One refresh as `currentDirectoryOf` does it after its GetItem, and the per-request views the functions build. */
const refresh = (wire: ReturnType<typeof item>) => {
  const directory = supervisorDirectorySchema.parse(unmarshall(wire)['directory']);
  return [rostersOf(directory, new Date()), teamMembersOf(directory), peopleNamesOf(directory)];
};

const cases = [
  { name: 'shipped (11 people, 3 teams)', directory: loadEscalationSettings().directory },
  // 50 teams of 9 supervisors and a lead: 500 people, and the head.
  { name: '500 supervisors in 50 teams', directory: organisation(50, 9) },
];
const wires = cases.map(({ directory }) => item(directory));
const samples = cases.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  // Alternate which goes first, so neither always meets a warmer heap.
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  for (const index of order) {
    const started = performance.now();
    refresh(wires[index]!);
    samples[index]!.push(performance.now() - started);
  }
}
const bytes = wires.map((wire) => Buffer.byteLength(JSON.stringify(unmarshall(wire))));
printTable(
  `Supervisor directory item and refresh (median of ${ROUNDS}, one process)`,
  ['directory', 'item KB (of 400)', 'refresh ms', 'vs shipped'],
  cases.map(({ name }, index) => [
    name,
    (bytes[index]! / 1024).toFixed(1),
    median(samples[index]!).toFixed(3),
    ratio(median(samples[index]!) / median(samples[0]!)),
  ]),
);
