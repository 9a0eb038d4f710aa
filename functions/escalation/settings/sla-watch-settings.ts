import * as z from 'zod/mini';
import { type EscalationRules, escalationRulesSchema } from '../contracts/escalation-rules.ts';
import { jsonSetting } from '../../platform/settings/runtime-config.ts';

const json = (what: string) => jsonSetting(`The ${what} are`);

/** The parts of the rules the SLA clocks and the chain read; severity and routing stay with the complaint consumer. */
const SLA_RULE_FIELDS = ['sla', 'warningFraction', 'defaultChain', 'teams', 'regions', 'defaultRegion'] as const;

/**
 * The `SLA_RULES` setting: the SLA part of the escalation rules as JSON (see `slaRulesJsonOf`),
 * validated at cold start with the rules' own schema. Severity and routing rules are left out so
 * the value stays well inside Lambda's 4 KB of environment; they are filled with inert values.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ SLA_RULES: slaRulesSetting }, process.env);
 * config.SLA_RULES.warningFraction; // 0.75
 * ```
 */
export const slaRulesSetting = z.pipe(
  json('SLA rules'),
  z.pipe(
    z.transform((value: unknown): unknown => {
      const sla = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      const teams = Object.keys((sla['teams'] ?? {}) as object);
      return { ...sla, defaultSeverity: 'low', severityRules: [], routing: { rules: [], defaultTeam: teams[0] ?? 'none' } };
    }),
    escalationRulesSchema,
  ),
);

/**
 * The SLA part of `rules` as the `SLA_RULES` value.
 *
 * @example
 * ```ts
 * fn.addEnvironment('SLA_RULES', slaRulesJsonOf(rules));
 * ```
 */
export const slaRulesJsonOf = (rules: EscalationRules): string => JSON.stringify(Object.fromEntries(SLA_RULE_FIELDS.map((field) => [field, rules[field]])));
