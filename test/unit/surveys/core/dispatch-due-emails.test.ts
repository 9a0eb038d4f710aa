import { describe, expect, it } from 'vitest';
import type { SurveyMailDueMessage } from '../../../../functions/surveys/contracts/survey-mail-messages.ts';
import type { SurveyInvitation } from '../../../../functions/surveys/core/customer-survey-history.ts';
import { type DispatchDependencies, dispatchDueEmails } from '../../../../functions/surveys/core/dispatch-due-emails.ts';
import { daysFromNow, invitation, now, policy } from './survey-fixtures.ts';

const dueInvitation = (n: number) =>
  invitation({ invitationId: `inv-${n}`, customerId: `cust-${n}`, state: 'scheduled', sentAt: undefined, scheduledFor: daysFromNow(-0.01) });
const dueReminder = (n: number, overrides: Partial<SurveyInvitation> = {}) =>
  invitation({ invitationId: `rem-${n}`, customerId: `cust-r${n}`, sentAt: daysFromNow(-4), ...overrides });

/** A store of two due lists, paged by `pageSize`, whose leases another run may already hold. */
const fakeDeps = (
  options: { invitations?: SurveyInvitation[]; reminders?: SurveyInvitation[]; heldElsewhere?: string[]; runCap?: number; refuse?: number } = {},
) => {
  const leased: string[] = [];
  const dropped: string[] = [];
  const queued: SurveyMailDueMessage[] = [];
  const page = (list: SurveyInvitation[]) => async (_now: Date, limit: number, cursor?: string) => {
    const start = Number(cursor ?? 0);
    const next = start + limit;
    return { invitations: list.slice(start, next), cursor: next < list.length ? String(next) : undefined };
  };
  const deps: DispatchDependencies = {
    store: {
      findDueInvitations: page(options.invitations ?? []),
      findDueReminders: page(options.reminders ?? []),
      leaseForDispatch: async (id) => {
        if (options.heldElsewhere?.includes(id) || leased.includes(id)) return false;
        leased.push(id);
        return true;
      },
      dropReminder: async (id) => {
        dropped.push(id);
      },
    },
    queue: {
      sendBatch: async (messages) => {
        queued.push(...messages);
        return { failed: options.refuse ?? 0 };
      },
    },
    settings: policy(),
    runCap: options.runCap ?? 840,
  };
  return { deps, leased, dropped, queued };
};

describe('dispatchDueEmails', () => {
  it('queues every due invitation, then every due reminder, each once with its purpose', async () => {
    const { deps, queued } = fakeDeps({ invitations: [dueInvitation(1), dueInvitation(2)], reminders: [dueReminder(1)] });
    const report = await dispatchDueEmails(deps, now);
    expect(report).toEqual({ invitations: 2, reminders: 1, droppedReminders: 0, lostLeases: 0, refusedBySqs: 0 });
    expect(queued.map((message) => [message.invitationId, message.customerId, message.purpose])).toEqual([
      ['inv-1', 'cust-1', 'invitation'],
      ['inv-2', 'cust-2', 'invitation'],
      ['rem-1', 'cust-r1', 'reminder'],
    ]);
    expect(queued[0]).toMatchObject({ type: 'survey.mail_due', version: 1, queuedAt: now.toISOString() });
  });

  it('skips what another run leased, and counts it', async () => {
    const { deps, queued } = fakeDeps({ invitations: [dueInvitation(1), dueInvitation(2)], heldElsewhere: ['inv-1'] });
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ invitations: 1, lostLeases: 1 });
    expect(queued.map((message) => message.invitationId)).toEqual(['inv-2']);
  });

  it('queues nothing twice when run twice over the same index', async () => {
    const { deps, queued } = fakeDeps({ invitations: [dueInvitation(1)], reminders: [dueReminder(1)] });
    await dispatchDueEmails(deps, now);
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ invitations: 0, reminders: 0, lostLeases: 2 });
    expect(queued).toHaveLength(2);
  });

  it.each([
    [250, 250, 0],
    [300, 250, 50],
    [840, 250, 250],
  ])('stops at the run cap of %s, first emails before reminders (%s invitations, %s reminders)', async (runCap, invitations, reminders) => {
    const { deps, queued } = fakeDeps({
      runCap,
      invitations: Array.from({ length: 250 }, (_, n) => dueInvitation(n)),
      reminders: Array.from({ length: 250 }, (_, n) => dueReminder(n)),
    });
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ invitations, reminders });
    expect(queued).toHaveLength(invitations + reminders);
  });

  it.each([
    ['answered', dueReminder(1, { state: 'answered' })],
    ['already reminded', dueReminder(1, { remindedAt: daysFromNow(-1) })],
    ['expired', dueReminder(1, { expiresAt: daysFromNow(-0.1) })],
    ['cancelled', dueReminder(1, { state: 'cancelled' })],
  ])('drops a reminder from its index instead of queueing it when the invitation is %s', async (_name, reminder) => {
    const { deps, queued, dropped } = fakeDeps({ reminders: [reminder] });
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ reminders: 0, droppedReminders: 1 });
    expect(dropped).toEqual(['rem-1']);
    expect(queued).toEqual([]);
  });

  it('leaves a reminder on its index when the policy now waits longer', async () => {
    const { deps, dropped } = fakeDeps({ reminders: [dueReminder(1)] });
    expect(await dispatchDueEmails({ ...deps, settings: policy({ reminderAfterDays: 7 }) }, now)).toMatchObject({ reminders: 0, droppedReminders: 0 });
    expect(dropped).toEqual([]);
  });

  it('counts messages SQS refused, which a later run queues again once their lease lapses', async () => {
    const { deps } = fakeDeps({ invitations: [dueInvitation(1), dueInvitation(2)], refuse: 1 });
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ invitations: 1, refusedBySqs: 1 });
  });
});
