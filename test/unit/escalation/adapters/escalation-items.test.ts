import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { createEscalationItems, escalationChangeItems } from '../../../../functions/escalation/adapters/escalation-items.ts';
import type { Escalation } from '../../../../functions/escalation/core/escalation.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';

const escalation = anEscalation({ id: 'esc-1', createdAt: '2026-03-02T09:00:00.000Z' });
const storedItem = (state: Partial<Escalation> = {}, version = 1) => {
  const [put] = createEscalationItems('table', { ...escalation, ...state }, 'CMP-ABCD1234');
  return { ...unmarshall(put!.Put!.Item!), version } as Record<string, unknown>;
};

describe('createEscalationItems', () => {
  it('puts the escalation and each opening audit entry once each (attribute_not_exists), for the complaint transaction', () => {
    const items = createEscalationItems('table', escalation, 'CMP-ABCD1234');
    expect(items).toHaveLength(2);
    for (const item of items) expect(item.Put).toMatchObject({ TableName: 'table', ConditionExpression: 'attribute_not_exists(pk)' });
    expect(unmarshall(items[0]!.Put!.Item!)).toMatchObject({
      pk: 'ESCALATION#esc-1',
      sk: 'ESCALATION',
      reference: 'CMP-ABCD1234',
      version: 1,
      gsi1pk: 'ESCALATIONS#general-support#open',
      gsi1sk: '2026-03-02T09:00:00.000Z#esc-1',
      gsi2pk: 'ESCALATIONS#general-support#open',
      gsi2sk: `${escalation.ackDueAt}#esc-1`,
      gsi3pk: 'ESCALATIONS_UNACKNOWLEDGED',
      // Not warned yet: the watcher's next work on it is the warning.
      gsi3sk: `${escalation.warnAt}#esc-1`,
    });
    expect(unmarshall(items[0]!.Put!.Item!)).not.toHaveProperty('audit');
    expect(unmarshall(items[1]!.Put!.Item!)).toEqual({ pk: 'ESCALATION#esc-1', sk: 'AUDIT#2026-03-02T09:00:00.000Z#000001', ...escalation.audit[0] });
  });

  it.each([
    ['open', true, 'ackDueAt'],
    ['claimed', true, 'ackDueAt'],
    ['acknowledged', false, 'resolveDueAt'],
    ['resolved', false, 'resolveDueAt'],
  ] as const)('keeps a %s escalation in the unacknowledged index: %s; sorts it as overdue by %s', (status, unacknowledged, dueClock) => {
    const item = storedItem({ status });
    expect('gsi3pk' in item).toBe(unacknowledged);
    expect(item.gsi2sk).toBe(`${escalation[dueClock]}#esc-1`);
    expect(item.gsi1pk).toBe(`ESCALATIONS#general-support#${status}`);
  });
});

describe('the SLA watcher index (gsi3)', () => {
  it.each([
    ['not warned: at its warning point', { warned: false }, 'warnAt'],
    ['warned: at its acknowledgement due time', { warned: true }, 'ackDueAt'],
    ['claimed and warned: at its acknowledgement due time', { status: 'claimed', claimedBy: 'sup-general-ana', warned: true }, 'ackDueAt'],
  ] as const)('sorts an escalation %s', (_name, state, clock) => {
    expect(storedItem(state as Partial<Escalation>).gsi3sk).toBe(`${escalation[clock]}#esc-1`);
  });

  it('lets go of an escalation breached at the top of the chain, which stays listed', () => {
    const item = storedItem({ level: 3, breached: true, warned: true });
    expect(item).not.toHaveProperty('gsi3pk');
    expect(item).not.toHaveProperty('gsi3sk');
    expect(item.gsi1pk).toBe('ESCALATIONS#general-support#open');
  });
});

describe('escalationChangeItems, with a retention', () => {
  const retention = { daysAfterResolution: 1095 };
  const written = (state: Partial<Escalation>) =>
    unmarshall(
      escalationChangeItems(
        'table',
        { ...escalation, ...state },
        { at: '2026-03-03T09:00:00.000Z', actor: 'sv', action: 'x', detail: {} },
        { reference: 'CMP-ABCD1234', version: 1 },
        retention,
      )[0]!.item.Put!.Item!,
    );

  it('writes a resolved escalation with its TTL, the retention’s days from the resolution, and an unresolved one without', () => {
    const resolvedAt = '2026-03-03T09:00:00.000Z';
    expect(written({ status: 'resolved', resolvedAt }).expiresAt).toBe(Date.parse(resolvedAt) / 1000 + 1095 * 86_400);
    expect(written({ status: 'acknowledged', acknowledgedAt: resolvedAt }).expiresAt).toBeUndefined();
    // Without a retention (the SLA watcher's writes, which never resolve), nothing expires.
    expect(
      unmarshall(
        escalationChangeItems(
          'table',
          { ...escalation, status: 'resolved', resolvedAt },
          { at: resolvedAt, actor: 'sv', action: 'x', detail: {} },
          { reference: 'CMP-ABCD1234', version: 1 },
        )[0]!.item.Put!.Item!,
      ).expiresAt,
    ).toBeUndefined();
  });
});
