import type { EscalationRules } from '../../../../functions/escalation/contracts/escalation-rules.ts';
import { escalationRulesSchema } from '../../../../functions/escalation/contracts/escalation-rules.ts';
import type { CustomerContext, DecisionContext, EscalationInput } from '../../../../functions/escalation/core/decide-escalation.ts';
import { shippedRules, shippedRulesInput } from '../../../helpers/shipped-escalation-settings.ts';
import type { Escalation, TeamRoster } from '../../../../functions/escalation/core/escalation.ts';

export const rules: EscalationRules = shippedRules;

/** The default rules with a change, checked by the schema like any rules file. */
export const rulesWith = (change: (draft: any) => void): EscalationRules => {
  const draft = shippedRulesInput() as any;
  change(draft);
  return escalationRulesSchema.parse(draft);
};

const head = { id: 'hd-eve' };
export const rosters: Record<string, TeamRoster> = {
  'general-support': { supervisors: [{ id: 'sv-ann' }, { id: 'sv-bob' }, { id: 'sv-cat' }], lead: { id: 'ld-dan' }, head },
  'japan-support': { supervisors: [{ id: 'sv-aiko' }, { id: 'sv-ren' }], lead: { id: 'ld-yui' }, head },
  'cloud-platform': { supervisors: [{ id: 'sv-kim' }, { id: 'sv-lee' }], lead: { id: 'ld-max' }, head },
};

export const customer = (overrides: Partial<CustomerContext> = {}): CustomerContext => ({
  id: 'cus-1',
  tier: 'standard',
  region: 'us',
  language: 'en',
  ...overrides,
});

export const complaint = (overrides: Partial<Extract<EscalationInput, { kind: 'complaint' }>> = {}): EscalationInput => ({
  kind: 'complaint',
  category: 'other',
  description: 'Nobody answered my ticket.',
  customer: customer(),
  ...overrides,
});

export const context = (overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  previousComplaintsAt: [],
  rosters,
  roundRobinCursors: {},
  ...overrides,
});

/** An open premium high-severity escalation in Tokyo at level 1, opened Monday 9 March 2026 10:00 JST. */
export const openedEscalation = (overrides: Partial<Escalation> = {}): Escalation => ({
  id: 'esc-1',
  team: 'japan-support',
  tier: 'premium',
  region: 'jp',
  severity: 'high',
  guaranteed: true,
  level: 1,
  assignee: 'sv-aiko',
  status: 'open',
  createdAt: '2026-03-09T01:00:00.000Z',
  ackDueAt: '2026-03-09T06:00:00.000Z',
  warnAt: '2026-03-09T05:00:00.000Z',
  resolveDueAt: '2026-03-11T01:00:00.000Z',
  warned: false,
  breached: false,
  audit: [{ at: '2026-03-09T01:00:00.000Z', actor: 'escalation-rules', action: 'open', detail: {} }],
  ...overrides,
});

/** What `POST /cases/resolved` stored about a premium Japanese customer's case of the Japan team, handled by `sup-japan-haruto`. */
export const premiumJapaneseCase = {
  customerId: 'cust-7',
  tier: 'premium',
  locale: 'ja-JP',
  region: 'jp',
  product: 'Router X',
  team: 'japan-support',
  agentId: 'sup-japan-haruto',
} as const;
