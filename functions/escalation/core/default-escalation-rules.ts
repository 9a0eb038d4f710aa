import type { EscalationRulesInput } from '../contracts/escalation-rules.ts';

const HOUR = 60;
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

/**
 * The escalation rules shipped by default, as data: three teams, three regions with their 2026
 * holidays, premium (guaranteed) and standard (target) clocks in business minutes. A deployment
 * replaces them with its own rules file; `escalationRulesSchema` checks both.
 *
 * @example
 * ```ts
 * const rules = escalationRulesSchema.parse(defaultEscalationRules);
 * ```
 */
export const defaultEscalationRules = {
  escalateFrom: 'low',
  defaultSeverity: 'low',
  severityRules: [
    {
      id: 'legal-threat-or-cancellation',
      severity: 'critical',
      when: { keywords: ['lawyer', 'legal action', 'cancel my contract', '弁護士', '訴訟', '解約'] },
    },
    { id: 'confirmed-csat-of-1', severity: 'high', when: { csatAtMost: 1 } },
    { id: 'third-complaint-in-30-days', severity: 'high', when: { repeatComplaints: { count: 2, withinDays: 30 } } },
    { id: 'premium-attitude-or-wrong-advice', severity: 'high', when: { tiers: ['premium'], categories: ['attitude', 'wrong-advice'] } },
    { id: 'premium-customer', severity: 'medium', when: { tiers: ['premium'] } },
    { id: 'unresolved-or-wrong-advice', severity: 'medium', when: { categories: ['unresolved', 'wrong-advice'] } },
  ],
  routing: {
    rules: [
      { id: 'japanese-speakers', team: 'japan-support', when: { languages: ['ja'] } },
      { id: 'cloud-products', team: 'cloud-platform', when: { products: ['Cloud Console', 'Cloud Storage', 'Cloud Functions'] } },
    ],
    defaultTeam: 'general-support',
  },
  sla: {
    premium: {
      guaranteed: true,
      severities: {
        critical: { acknowledgeWithinMinutes: 1 * HOUR, resolveWithinMinutes: 8 * HOUR },
        high: { acknowledgeWithinMinutes: 4 * HOUR, resolveWithinMinutes: 16 * HOUR },
        medium: { acknowledgeWithinMinutes: 8 * HOUR, resolveWithinMinutes: 40 * HOUR },
        low: { acknowledgeWithinMinutes: 16 * HOUR, resolveWithinMinutes: 80 * HOUR },
      },
    },
    standard: {
      guaranteed: false,
      severities: {
        critical: { acknowledgeWithinMinutes: 4 * HOUR, resolveWithinMinutes: 24 * HOUR },
        high: { acknowledgeWithinMinutes: 8 * HOUR, resolveWithinMinutes: 40 * HOUR },
        medium: { acknowledgeWithinMinutes: 16 * HOUR, resolveWithinMinutes: 80 * HOUR },
        low: { acknowledgeWithinMinutes: 24 * HOUR, resolveWithinMinutes: 120 * HOUR },
      },
    },
  },
  warningFraction: 0.75,
  defaultChain: ['supervisors', 'lead', 'head'],
  teams: { 'general-support': {}, 'cloud-platform': {}, 'japan-support': {} },
  regions: {
    jp: {
      timeZone: 'Asia/Tokyo',
      workingDays: [...weekdays],
      hours: [
        { from: '09:00', to: '12:00' },
        { from: '13:00', to: '18:00' },
      ],
      holidays: [
        '2026-01-01',
        '2026-01-02',
        '2026-01-12',
        '2026-02-11',
        '2026-02-23',
        '2026-03-20',
        '2026-04-29',
        '2026-05-04',
        '2026-05-05',
        '2026-05-06',
        '2026-07-20',
        '2026-08-11',
        '2026-09-21',
        '2026-09-22',
        '2026-09-23',
        '2026-10-12',
        '2026-11-03',
        '2026-11-23',
        '2026-12-31',
      ],
    },
    uk: {
      timeZone: 'Europe/London',
      workingDays: [...weekdays],
      hours: [{ from: '09:00', to: '17:30' }],
      holidays: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    },
    us: {
      timeZone: 'America/New_York',
      workingDays: [...weekdays],
      hours: [{ from: '09:00', to: '18:00' }],
      holidays: ['2026-01-01', '2026-01-19', '2026-05-25', '2026-07-03', '2026-09-07', '2026-11-26', '2026-11-27', '2026-12-25'],
    },
  },
  defaultRegion: 'us',
} satisfies EscalationRulesInput;
