import { describe, expect, it } from 'vitest';
import type { StoredNotification } from '../../../../functions/escalation/contracts/stored-notification-items.ts';
import { composeNotificationEmail, deliverNotifications, NOTIFICATION_LEASE_SECONDS } from '../../../../functions/escalation/core/deliver-notifications.ts';
import type { NotificationContext, NotificationOutbox, OutgoingNotificationEmail } from '../../../../functions/escalation/core/notification-outbox.ts';
import { verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { loadEscalationSettings } from '../../../../infra/escalation-settings.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';

const settings = loadEscalationSettings();
const key = 'k'.repeat(64);
const now = new Date('2026-03-03T01:00:00.000Z');
const options = { settings, publicBaseUrl: new URL('https://support.example.com/help'), signingKey: key, statusTokenTtlDays: 180 };

const notification = (overrides: Partial<StoredNotification> = {}): StoredNotification => ({
  notificationId: 'c-1#assigned#1',
  kind: 'assigned',
  escalationId: 'c-1',
  complaintId: 'c-1',
  recipientUserId: 'sup-general-ana',
  level: 1,
  createdAt: now.toISOString(),
  ...overrides,
});
const complaint = { complaintId: 'c-1', reference: 'CMP-7K3QX9AB', email: 'ada@example.com', locale: 'ja' };
const context: NotificationContext = {
  complaint,
  escalation: { ...anEscalation({ id: 'c-1', tier: 'premium', severity: 'high', guaranteed: true }), reference: 'CMP-7K3QX9AB', version: 1 },
};

/** An outbox in memory with the lease rule of the DynamoDB one: a claim wins if the item is pending and not leased by someone else. */
const anOutbox = (ids: string[]) => {
  const items = new Map(ids.map((id) => [id, { pending: true, leaseUntil: undefined as Date | undefined, outcome: undefined as string | undefined }]));
  const outbox: NotificationOutbox = {
    findPending: async () => [],
    claim: async (id, at, leaseUntil) => {
      const item = items.get(id);
      if (!item?.pending || (item.leaseUntil !== undefined && item.leaseUntil >= at)) return false;
      item.leaseUntil = leaseUntil;
      return true;
    },
    markSent: async (id, leaseUntil, _at, outcome) => {
      const item = items.get(id)!;
      if (item.leaseUntil?.getTime() !== leaseUntil.getTime()) throw new Error('lease lost');
      Object.assign(item, { pending: false, leaseUntil: undefined, outcome });
    },
    contextOf: async () => context,
  };
  return { outbox, items };
};
const aMailer = (fail = false) => {
  const sent: OutgoingNotificationEmail[] = [];
  return {
    sent,
    mailer: {
      send: async (email: OutgoingNotificationEmail) => {
        if (fail) throw new Error('SES down');
        sent.push(email);
        return { messageId: `m-${sent.length}` };
      },
    },
  };
};

describe('deliverNotifications', () => {
  it('claims, sends and marks each item sent', async () => {
    const { outbox, items } = anOutbox(['c-1#assigned#1']);
    const { mailer, sent } = aMailer();
    expect(await deliverNotifications([{ notification: notification() }], { ...options, outbox, mailer }, now)).toEqual({
      sent: 1,
      claimedElsewhere: 0,
      undeliverable: 0,
      failed: 0,
    });
    expect(sent.map(({ to }) => to)).toEqual(['ana.lima@example.com']);
    expect(items.get('c-1#assigned#1')).toMatchObject({ pending: false, outcome: 'sent' });
  });

  it('sends once when two senders deliver the same item at the same time', async () => {
    const { outbox } = anOutbox(['c-1#assigned#1']);
    const { mailer, sent } = aMailer();
    const reports = await Promise.all([1, 2].map(() => deliverNotifications([{ notification: notification() }], { ...options, outbox, mailer }, now)));
    expect(sent).toHaveLength(1);
    expect(reports.map(({ sent: count, claimedElsewhere }) => [count, claimedElsewhere]).sort()).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('keeps a failed send leased, then lets a later sweep take it over once the lease ran out', async () => {
    const { outbox, items } = anOutbox(['c-1#assigned#1']);
    const failing = aMailer(true);
    const errors: unknown[] = [];
    const first = await deliverNotifications(
      [{ notification: notification() }],
      { ...options, outbox, mailer: failing.mailer, onError: (error) => errors.push(error) },
      now,
    );
    expect(first.failed).toBe(1);
    expect(errors).toHaveLength(1);
    expect(items.get('c-1#assigned#1')?.pending).toBe(true);

    const working = aMailer();
    const soon = new Date(now.getTime() + 1_000);
    expect((await deliverNotifications([{ notification: notification() }], { ...options, outbox, mailer: working.mailer }, soon)).claimedElsewhere).toBe(1);
    const later = new Date(now.getTime() + (NOTIFICATION_LEASE_SECONDS + 1) * 1_000);
    expect((await deliverNotifications([{ notification: notification() }], { ...options, outbox, mailer: working.mailer }, later)).sent).toBe(1);
  });

  it('marks an item for a supervisor no longer in the directory undeliverable instead of retrying it forever', async () => {
    const { outbox, items } = anOutbox(['c-1#assigned#1']);
    const { mailer, sent } = aMailer();
    const created = new Date(now.getTime() - 5 * 60_000).toISOString();
    const report = await deliverNotifications(
      [{ notification: notification({ recipientUserId: 'gone', createdAt: created }) }],
      { ...options, outbox, mailer },
      now,
    );
    expect(report.undeliverable).toBe(1);
    expect(sent).toEqual([]);
    expect(items.get('c-1#assigned#1')).toMatchObject({ pending: false, outcome: 'undeliverable' });
  });

  it('leaves an item for a supervisor the directory does not list yet to the next sweep for five minutes (its copy may be a minute old)', async () => {
    const { outbox, items } = anOutbox(['c-1#assigned#1']);
    const { mailer, sent } = aMailer();
    const created = new Date(now.getTime() - (5 * 60_000 - 1)).toISOString();
    const report = await deliverNotifications(
      [{ notification: notification({ recipientUserId: 'just-added', createdAt: created }) }],
      { ...options, outbox, mailer },
      now,
    );
    expect(report).toMatchObject({ failed: 1, undeliverable: 0 });
    expect(sent).toEqual([]);
    expect(items.get('c-1#assigned#1')?.pending).toBe(true);
  });
});

describe('composeNotificationEmail', () => {
  it('mails the complainant at their stored address, in their language, with a signed status link under the base path', () => {
    const complaintId = '0b9f6c1e-1111-4222-8333-944455556666';
    const email = composeNotificationEmail(
      notification({ kind: 'complaint_acknowledged', notificationId: `${complaintId}#complaint_acknowledged#1`, complaintId }),
      { ...context, complaint: { ...complaint, complaintId } },
      options,
      now,
    )!;
    expect(email.to).toBe('ada@example.com');
    expect(email.subject).toContain('お問い合わせ');
    const token = /status\?token=([^"\s&]+)/.exec(email.text)![1]!;
    expect(email.text).toContain('https://support.example.com/help/complaints/status?token=');
    expect(verifyStatusToken(decodeURIComponent(token), key, now)).toBe(complaintId);
  });

  it('mails the supervisor about a low survey score, which names no complaint, and nobody for a complainant email without one', () => {
    const { complaintId: _none, ...surveyNotification } = notification();
    const surveyContext = { escalation: { ...context.escalation, source: 'survey' as const, reference: 'CSAT-4M2XR7PQ' } };
    const email = composeNotificationEmail(surveyNotification, surveyContext, options, now)!;
    expect(email.to).toBe(settings.directory.teams['general-support']!.supervisors[0]!.email);
    expect(email.text).toContain('A confirmed very low survey score CSAT-4M2XR7PQ');
    expect(composeNotificationEmail({ ...surveyNotification, kind: 'complaint_resolved' }, surveyContext, options, now)).toBeUndefined();
  });

  it('links a supervisor to the escalation in the console', () => {
    const email = composeNotificationEmail(notification(), context, options, now)!;
    expect(email.text).toContain('https://support.example.com/help/console#escalation=c-1');
    expect(email.tags).toEqual({ kind: 'assigned', notificationId: 'c-1_assigned_1' });
  });
});
