import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { EscalationRules, escalationRulesSchema } from '../../functions/escalation/contracts/escalation-rules.ts';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SupervisorDirectory } from '../../functions/escalation/contracts/supervisor-directory.ts';
import type { TeamRoster } from '../../functions/escalation/core/escalation.ts';
import { rostersOf } from '../../functions/escalation/core/supervisor-directory.ts';
import { DEFAULT_ESCALATION_RULES_FILE, loadEscalationSettings } from '../../infra/escalation-settings.ts';

// One source for the shipped settings: the config files the stack deploys, read by the stack's own loader.
const shipped = loadEscalationSettings();

/** The rules as a file may write them, before defaults apply: what tests change a field of. */
export type EscalationRulesInput = z.input<typeof escalationRulesSchema>;

/** The text of config/escalation-rules.json, as a deployment edits it. */
export const shippedRulesFileText: string = readFileSync(DEFAULT_ESCALATION_RULES_FILE, 'utf8');

/** The shipped rules as they stand in the file, before parsing (for tests that change a field first). */
export const shippedRulesInput = (): EscalationRulesInput => JSON.parse(shippedRulesFileText) as EscalationRulesInput;

/** The shipped rules, validated: what the stack deploys. */
export const shippedRules: EscalationRules = shipped.rules;

/** The seed directory, config/supervisor-directory.json, validated against the rules. */
const shippedDirectory: SupervisorDirectory = shipped.directory;

/** The team rosters of the seed directory, as the consumer and the SLA watcher build them (it has no away periods: any instant gives the same). */
export const shippedTeamRosters: Readonly<Record<string, TeamRoster>> = rostersOf(shipped.directory, new Date(0));

/** The directory's table item as GetItem answers it (`DynamoDbDirectoryStore`), for unit tests that stub the SDK. */
export const storedDirectoryAnswer = (directory: SupervisorDirectory = shippedDirectory) => ({
  Item: marshall({ pk: 'DIRECTORY', sk: 'CURRENT', directory, version: 1 }, { removeUndefinedValues: true }),
});

/** The GetItem input that reads the directory, to stub with `storedDirectoryAnswer`: `dynamodb.on(GetItemCommand, directoryRead)`. */
export const directoryRead = { Key: marshall({ pk: 'DIRECTORY', sk: 'CURRENT' }) };
