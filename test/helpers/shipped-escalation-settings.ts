import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { EscalationRules, escalationRulesSchema } from '../../functions/escalation/contracts/escalation-rules.ts';
import { type TeamRosters, teamRostersSchema } from '../../functions/escalation/contracts/team-rosters.ts';
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

/** The team rosters the stack builds from config/supervisor-directory.json. */
export const shippedTeamRosters: TeamRosters = teamRostersSchema.parse(rostersOf(shipped.directory));
