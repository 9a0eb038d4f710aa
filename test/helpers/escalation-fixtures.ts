import { randomUUID } from 'node:crypto';
import type { Escalation } from '../../functions/escalation/core/escalation.ts';

/**
 * An escalation as the complaint consumer (to come) will open it: level 1, open, with its opening
 * audit entry. Tests seed them straight through the store.
 */
export const anEscalation = (overrides: Partial<Escalation> = {}): Escalation => {
  const createdAt = overrides.createdAt ?? new Date().toISOString();
  const team = overrides.team ?? 'general-support';
  return {
    id: randomUUID(),
    team,
    tier: 'premium',
    region: 'uk',
    severity: 'high',
    guaranteed: true,
    level: 1,
    assignee: 'sup-general-ana',
    status: 'open',
    createdAt,
    ackDueAt: new Date(Date.parse(createdAt) + 4 * 3_600_000).toISOString(),
    warnAt: new Date(Date.parse(createdAt) + 3 * 3_600_000).toISOString(),
    resolveDueAt: new Date(Date.parse(createdAt) + 16 * 3_600_000).toISOString(),
    warned: false,
    breached: false,
    audit: [
      {
        at: createdAt,
        actor: 'escalation-rules',
        action: 'open',
        detail: { severity: 'high', team, assignee: 'sup-general-ana', level: '1', rules: 'premium-customer' },
      },
    ],
    ...overrides,
  };
};

/** A complaint reference of the shape the intake gives (`CMP-` and 8 characters). */
export const aReference = (): string => `CMP-${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;
