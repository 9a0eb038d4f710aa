import { describe, expect, it } from 'vitest';
import type { SurveyMailDueMessage } from '../../../../functions/surveys/contracts/survey-mail-messages.ts';
import type { SurveyInvitation } from '../../../../functions/surveys/core/customer-survey-history.ts';
import { type DispatchDependencies, dispatchDueEmails } from '../../../../functions/surveys/core/dispatch-due-emails.ts';
import { daysFromNow, invitation, now, policy } from './survey-fixtures.ts';

const dueInvitation = (n: number) =>
  invitation({ invitationId: `inv-${n}`, customerId: `cust-${n}`, state: 'scheduled', sentAt: undefined, scheduledFor: daysFromNow(-0.01) });
const dueReminder = (n: number, overrides: Partial<SurveyInvitation> = {}) =>
  invitation({ invitationId: `rem-${n}`, customerId: `cust-r${n}`, sentAt: daysFromNow(-4), ...overrides });

/**
 * A store of two due lists, paged by `pageSize`, whose pages leave out leased items (as the index
 * query's filter does); `heldElsewhere` names items an overlapping run leases between this run's
 * read and its lease. The queue refuses the first `refuse` messages, or throws `crash` once.
 */
const fakeDeps = (
  options: { invitations?: SurveyInvitation[]; reminders?: SurveyInvitation[]; heldElsewhere?: string[]; runCap?: number; refuse?: number; crash?: Error } = {},
) => {
  const leased: string[] = [];
  const dropped: string[] = [];
  const queued: SurveyMailDueMessage[] = [];
  let crash = options.crash;
  const page = (list: SurveyInvitation[]) => async (_now: Date, limit: number, cursor?: string) => {
    const start = Number(cursor ?? 0);
    const next = start + limit;
    const unleased = list.slice(start, next).filter((invitation) => !leased.includes(invitation.invitationId));
    return { invitations: unleased, cursor: next < list.length ? String(next) : undefined };
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
        if (crash !== undefined) {
          const thrown = crash;
          crash = undefined;
          throw thrown;
        }
        const refused = messages.slice(0, options.refuse ?? 0);
        queued.push(...messages.slice(refused.length));
        return { refused };
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
    expect(report).toEqual({ invitations: 2, reminders: 1, droppedReminders: 0, leaseRaces: 0, refusedBySqs: 0 });
    expect(queued.map((message) => [message.invitationId, message.customerId, message.purpose])).toEqual([
      ['inv-1', 'cust-1', 'invitation'],
      ['inv-2', 'cust-2', 'invitation'],
      ['rem-1', 'cust-r1', 'reminder'],
    ]);
    expect(queued[0]).toMatchObject({ type: 'survey.mail_due', version: 1, queuedAt: now.toISOString() });
  });

  it('leases each email only once its message is queued', async () => {
    const { deps, leased } = fakeDeps({ invitations: [dueInvitation(1)], reminders: [dueReminder(1)] });
    const leasedWhenQueued: string[][] = [];
    deps.queue.sendBatch = async (messages) => {
      leasedWhenQueued.push(messages.map((message) => message.invitationId).filter((id) => leased.includes(id)));
      return { refused: [] };
    };
    await dispatchDueEmails(deps, now);
    expect(leasedWhenQueued).toEqual([[], []]);
    expect(leased).toEqual(['inv-1', 'rem-1']);
  });

  it('counts an email an overlapping run leased meanwhile: both queued it, and the mailer sends it once', async () => {
    const { deps, queued } = fakeDeps({ invitations: [dueInvitation(1), dueInvitation(2)], heldElsewhere: ['inv-1'] });
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ invitations: 2, leaseRaces: 1 });
    expect(queued.map((message) => message.invitationId)).toEqual(['inv-1', 'inv-2']);
  });

  it('queues nothing twice when run twice over the same index', async () => {
    const { deps, queued } = fakeDeps({ invitations: [dueInvitation(1)], reminders: [dueReminder(1)] });
    await dispatchDueEmails(deps, now);
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ invitations: 0, reminders: 0, leaseRaces: 0 });
    expect(queued).toHaveLength(2);
  });

  it('holds nothing back after a run that died while queueing: the next run queues the same emails', async () => {
    const { deps, queued, leased } = fakeDeps({ invitations: [dueInvitation(1), dueInvitation(2)], crash: new Error('the run timed out') });
    await expect(dispatchDueEmails(deps, now)).rejects.toThrow('the run timed out');
    expect(leased).toEqual([]);

    const aMinuteLater = new Date(now.getTime() + 60_000);
    expect(await dispatchDueEmails(deps, aMinuteLater)).toMatchObject({ invitations: 2 });
    expect(queued.map((message) => message.invitationId)).toEqual(['inv-1', 'inv-2']);
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

  it('counts messages SQS refused and leaves them unleased, so the next run queues them again', async () => {
    const { deps, leased, queued } = fakeDeps({ invitations: [dueInvitation(1), dueInvitation(2)], refuse: 1 });
    expect(await dispatchDueEmails(deps, now)).toMatchObject({ invitations: 1, refusedBySqs: 1 });
    expect(leased).toEqual(['inv-2']);

    const accepting = {
      sendBatch: async (messages: readonly SurveyMailDueMessage[]) => {
        queued.push(...messages);
        return { refused: [] };
      },
    };
    expect(await dispatchDueEmails({ ...deps, queue: accepting }, now)).toMatchObject({ invitations: 1, refusedBySqs: 0 });
    expect(queued.map((message) => message.invitationId)).toEqual(['inv-2', 'inv-1']);
  });
});
