// Where a handler's CPU per event goes, by owner: each V8 profiler sample is charged to the
// nearest frame on its stack that belongs to a package or to our sources (Node internals and
// native code such as JSON.stringify or HMAC are charged to their caller). Run against the full
// SDK stack with the HTTP layer answered in-process, as the honest mode of handler-cpu.ts.
//
//   npx tsx bench/handler-profile.ts [scenario label…]
import { Session } from 'node:inspector/promises';
import type { Context } from 'aws-lambda';
import { answerSdkOverHttp, loadHandler, scenarios, stubAwsSdk, type Invoke, type Scenario } from './handler-cpu.ts';
import { benchEnvironment } from './fixtures/environment.ts';
import { lambdaContext } from './fixtures/events.ts';
import { printTable } from './table.ts';

const WARMUP_INVOCATIONS = 2_000;
const PROFILED_INVOCATIONS = 5_000;

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The owner of a source URL, or undefined for Node internals and native frames. */
const ownerOf = (url: string): string | undefined => {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) {
    if (pkg.startsWith('@aws-sdk/') || pkg.startsWith('@smithy/') || pkg.startsWith('@aws-crypto/')) return 'AWS SDK';
    return pkg;
  }
  const source = /\/(functions\/shared\/[^/]+|functions\/[^/]+|bench\/[^/]+)\//.exec(url)?.[1];
  if (source) return source;
  if (url.includes('/bench/')) return 'bench harness';
  return undefined;
};

const attribute = (profile: Profile): Map<string, number> => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const owners = new Map<number, string>();
  const ownerOfNode = (id: number): string => {
    const known = owners.get(id);
    if (known) return known;
    const node = byId.get(id)!;
    const special = ['(garbage collector)', '(program)', '(idle)'].find((name) => node.callFrame.functionName === name);
    const parentId = parent.get(id);
    const owner = special ?? ownerOf(node.callFrame.url) ?? (parentId === undefined ? '(node internals)' : ownerOfNode(parentId));
    owners.set(id, owner);
    return owner;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const owner = ownerOfNode(id);
    totals.set(owner, (totals.get(owner) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return totals;
};

const silenced = async (run: () => Promise<void>) => {
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
  }
};

const profileScenario = async (session: Session, invoke: Invoke, scenario: Scenario, context: Context) => {
  const event = scenario.event();
  await silenced(async () => {
    for (let i = 0; i < WARMUP_INVOCATIONS; i++) await invoke(event, context);
  });
  await session.post('Profiler.setSamplingInterval', { interval: 50 });
  await session.post('Profiler.start');
  await silenced(async () => {
    for (let i = 0; i < PROFILED_INVOCATIONS; i++) await invoke(event, context);
  });
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  return attribute(profile);
};

Object.assign(process.env, benchEnvironment('bench'));
const sdk = stubAwsSdk();
sdk.restore();
answerSdkOverHttp(sdk.items);
const wanted = process.argv.slice(2);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
for (const scenario of scenarios().filter((candidate) => wanted.length === 0 || wanted.includes(candidate.label))) {
  for (const variant of ['function', 'bare'] as const) {
    const totals = await profileScenario(session, await loadHandler(scenario.name, variant), scenario, lambdaContext(scenario.name));
    const rows = [...totals.entries()]
      .filter(([owner]) => owner !== '(idle)')
      .sort(([, a], [, b]) => b - a)
      .map(([owner, micros]) => [owner, (micros / PROFILED_INVOCATIONS).toFixed(1)]);
    printTable(`${scenario.label}, ${variant}: sampled µs per event by owner`, ['owner', 'µs/event'], rows);
  }
}
session.disconnect();
