import type { BusinessCalendar, CustomerTier, EscalationRules, Severity } from '../contracts/escalation-rules.ts';
import { ownValue } from '../../platform/own-value.ts';
import { addBusinessMinutes } from './business-time.ts';

/** A region's calendar, or the default region's for a region the rules do not know. */
export const regionCalendarOf = (rules: EscalationRules, region: string): BusinessCalendar =>
  ownValue(rules.regions, region) ?? rules.regions[rules.defaultRegion]!;

/** The calendar an escalation's clocks count on: the tier's own (24x7), else its region's (`regionCalendarOf`). */
export const slaCalendarOf = (rules: EscalationRules, tier: CustomerTier, region: string): BusinessCalendar =>
  rules.sla[tier].calendar ?? regionCalendarOf(rules, region);

/**
 * The acknowledgement clock of one level, started at `now`: when it is due and when to warn
 * (after `warningFraction` of it, in business time).
 *
 * @example
 * ```ts
 * acknowledgementClock(rules, { tier: 'premium', severity: 'high', region: 'jp' }, now); // { ackDueAt, warnAt }
 * ```
 */
export const acknowledgementClock = (
  rules: EscalationRules,
  { tier, severity, region }: { tier: CustomerTier; severity: Severity; region: string },
  now: Date,
): { ackDueAt: string; warnAt: string } => {
  const calendar = slaCalendarOf(rules, tier, region);
  const { acknowledgeWithinMinutes } = rules.sla[tier].severities[severity];
  return {
    ackDueAt: addBusinessMinutes(now, acknowledgeWithinMinutes, calendar).toISOString(),
    warnAt: addBusinessMinutes(now, acknowledgeWithinMinutes * rules.warningFraction, calendar).toISOString(),
  };
};
