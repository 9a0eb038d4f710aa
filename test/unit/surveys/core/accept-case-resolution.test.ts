import { describe, expect, it } from 'vitest';
import { acceptCaseResolution } from '../../../../functions/surveys/core/accept-case-resolution.ts';
import { caseResolved, history, invitation, now, policy } from './survey-fixtures.ts';
import { fakeCaseIntakeStore } from './survey-store-fakes.ts';
import { decisionKey } from '../../../../functions/surveys/contracts/survey-item-keys.ts';

describe('acceptCaseResolution', () => {
  it('schedules the survey and answers with its id and send time', async () => {
    // Prepare
    const { store, written } = fakeCaseIntakeStore();
    // Act
    const answer = await acceptCaseResolution(caseResolved(), { store, settings: policy(), now });
    // Assess
    expect(answer).toEqual({ kind: 'scheduled', invitationId: written.scheduled[0], scheduledFor: '2026-11-26T10:00:00.000Z' });
    expect(written.skips).toEqual([]);
  });

  it('writes the contact and the case context on every resolution, skipped or not', async () => {
    const resolved = caseResolved({ product: 'Router X', team: 'network', agentId: 'agent-9', channel: 'email', resolvedAt: '2026-11-25T19:00:00+09:00' });
    const { store, written } = fakeCaseIntakeStore({ history: history({ optedOut: true }) });
    await acceptCaseResolution(resolved, { store, settings: policy(), now });
    expect(written.contacts).toEqual([
      {
        customerId: 'cust-17',
        email: 'ada@example.com',
        tier: 'standard',
        lastSeenAt: '2026-11-25T10:00:00.000Z',
        name: undefined,
        locale: undefined,
        region: undefined,
      },
    ]);
    expect(written.contexts).toEqual([
      expect.objectContaining({
        caseId: 'CASE-42',
        customerId: 'cust-17',
        product: 'Router X',
        team: 'network',
        agentId: 'agent-9',
        channel: 'email',
        resolvedAt: '2026-11-25T10:00:00.000Z',
      }),
    ]);
  });

  it.each([
    ['the customer opted out', history({ optedOut: true }), 'opted_out'],
    ['the address bounced', history({ suppression: 'bounced' }), 'address_suppressed'],
    ['another case was surveyed a week ago', history({ lastPostResolutionSurveyAt: '2026-11-18T00:00:00.000Z' }), 'recently_surveyed'],
  ] as const)('records a skip and answers why when %s', async (_, customerHistory, reason) => {
    const { store, written } = fakeCaseIntakeStore({ history: customerHistory });
    expect(await acceptCaseResolution(caseResolved(), { store, settings: policy(), now })).toEqual({ kind: 'skipped', reason });
    expect(written.skips).toEqual([{ caseId: 'CASE-42', record: expect.objectContaining({ event: 'skipped', reason }) }]);
    expect(written.scheduled).toEqual([]);
  });

  it('answers a retry with the invitation the store already holds', async () => {
    const first = fakeCaseIntakeStore();
    const answer = await acceptCaseResolution(caseResolved(), { store: first.store, settings: policy(), now });
    if (answer.kind !== 'scheduled') throw new Error('expected scheduled');
    const stored = invitation({ invitationId: answer.invitationId, caseId: 'CASE-42', state: 'scheduled', scheduledFor: answer.scheduledFor });
    const retry = fakeCaseIntakeStore({
      history: history({ invitationsByCaseId: { 'CASE-42': stored } }),
      schedule: { kind: 'scheduled', invitation: stored },
    });
    expect(await acceptCaseResolution(caseResolved(), { store: retry.store, settings: policy(), now })).toEqual(answer);
  });

  it.each([
    ['another invitation won the case', { kind: 'refused', reason: 'case_already_invited', existingInvitationId: 'other-id' }, 'case_already_invited'],
    ['an opt-out landed after the history was read', { kind: 'refused', reason: 'opted_out' }, 'opted_out'],
  ] as const)('records the store refusal as a skip when %s', async (_, refusal, reason) => {
    const { store, written } = fakeCaseIntakeStore({ schedule: refusal });
    expect(await acceptCaseResolution(caseResolved(), { store, settings: policy(), now })).toEqual({ kind: 'skipped', reason });
    expect(written.skips).toEqual([{ caseId: 'CASE-42', record: expect.objectContaining({ event: 'skipped', reason, invitationId: undefined }) }]);
  });

  it.each([
    ['a skip', policy({ excludedProducts: ['Router X'] }), {}],
    ['a store refusal', policy(), { schedule: { kind: 'refused', reason: 'opted_out' } }],
  ] as const)('keys %s by the resolution, so the same resolution sent again lands on the very same line', async (_, settings, answers) => {
    const resolved = caseResolved({ product: 'Router X' });
    const { store, written } = fakeCaseIntakeStore(answers);

    await acceptCaseResolution(resolved, { store, settings, now });
    await acceptCaseResolution(resolved, { store, settings, now: new Date(now.getTime() + 60_000) });

    expect(written.skips).toHaveLength(2);
    const [first, again] = written.skips.map(({ caseId, record }) => decisionKey(record, caseId));
    expect(again).toEqual(first);
    expect(written.skips.map(({ record }) => [record.resolvedAt, record.decidedAt])).toEqual([
      [resolved.resolvedAt, now.toISOString()],
      [resolved.resolvedAt, new Date(now.getTime() + 60_000).toISOString()],
    ]);
  });
});
