import type { EscalationSettings } from '../contracts/escalation-settings.ts';
import type { StoredNotification } from '../contracts/stored-notification-items.ts';
import { publicLink } from '../../links/core/public-link.ts';
import { signStatusToken, statusTokenExpiry } from '../../intake/core/status-token.ts';
import type { NotificationContext, NotificationMailer, NotificationOutbox, OutgoingNotificationEmail } from './notification-outbox.ts';
import { renderNotificationEmail } from './render-notification-email.ts';
import { regionCalendarOf } from './sla-clock.ts';
import { supervisorEmailOf } from './supervisor-directory.ts';

/**
 * How long a claimed notification is reserved for its sender: past it, a sweep may take it over (the send failed or the sender died).
 *
 * @internal exported for its tests only
 */
export const NOTIFICATION_LEASE_SECONDS = 120;

export type NotificationSettings = {
  readonly settings: EscalationSettings;
  readonly publicBaseUrl: URL;
  /** Signs the complainant's status link (the link-signing key ring's current key). */
  readonly signingKey: string;
  readonly statusTokenTtlDays: number;
};

/**
 * The email one outbox item announces, or `undefined` when there is nobody to mail (a supervisor
 * no longer in the directory, a complainant's email for an escalation without a complaint): the
 * supervisor's address from the directory, the complainant's from their complaint, never from
 * the outbox item.
 *
 * @example
 * ```ts
 * const email = composeNotificationEmail(notification, context, { settings, publicBaseUrl, signingKey, statusTokenTtlDays: 180 }, now);
 * ```
 *
 * @internal exported for its tests only
 */
export const composeNotificationEmail = (
  notification: StoredNotification,
  { complaint, escalation }: NotificationContext,
  options: NotificationSettings,
  now: Date,
): OutgoingNotificationEmail | undefined => {
  const tags = { kind: notification.kind, notificationId: notification.notificationId.replace(/[^A-Za-z0-9_-]/g, '_') };
  if (notification.kind === 'complaint_acknowledged' || notification.kind === 'complaint_resolved') {
    if (complaint === undefined) return undefined;
    const token = signStatusToken(complaint.complaintId, statusTokenExpiry(now, options.statusTokenTtlDays), options.signingKey);
    const statusLink = publicLink(options.publicBaseUrl, '/complaints/status', { token });
    const { guaranteed, severities } = options.settings.rules.sla[escalation.tier];
    const rendered =
      notification.kind === 'complaint_acknowledged'
        ? renderNotificationEmail({
            kind: 'complaint_acknowledged',
            locale: complaint.locale,
            reference: complaint.reference,
            statusLink,
            promise: { guaranteed, ...severities[escalation.severity] },
          })
        : renderNotificationEmail({
            kind: 'complaint_resolved',
            locale: complaint.locale,
            reference: complaint.reference,
            statusLink,
            resolution: escalation.resolution ?? '',
          });
    return { to: complaint.email, ...rendered, tags };
  }
  const to = notification.recipientUserId === undefined ? undefined : supervisorEmailOf(options.settings.directory, notification.recipientUserId);
  if (to === undefined) return undefined;
  // The console opens `#escalation=<id>` after sign-in (web/console/browser/main.ts reads exactly this form).
  const consoleLink = `${publicLink(options.publicBaseUrl, '/console')}#escalation=${encodeURIComponent(escalation.id)}`;
  // Times in the region's own zone: where the team works, whatever the tier's clock counts in.
  const { timeZone } = regionCalendarOf(options.settings.rules, escalation.region);
  return { to, ...renderNotificationEmail({ kind: notification.kind, escalation: { ...escalation, level: notification.level }, consoleLink, timeZone }), tags };
};

/** How long a supervisor the directory does not list may be one just added (the functions read it at most once a minute). */
const NEW_RECIPIENT_GRACE_MS = 5 * 60_000;

const recipientMayYetBeListed = (notification: StoredNotification, now: Date): boolean =>
  notification.recipientUserId !== undefined && now.getTime() - Date.parse(notification.createdAt) < NEW_RECIPIENT_GRACE_MS;

export type DeliveryReport = { readonly sent: number; readonly claimedElsewhere: number; readonly undeliverable: number; readonly failed: number };

/**
 * Sends outbox items: claims each with a lease (a conditional write), renders and sends it, then
 * takes it off the pending index. An item another sender holds is skipped; a failed send keeps
 * the lease until it runs out, and the next sweep retries it. `context` saves the read when the
 * caller has just written the complaint and escalation (the consumer's fast path).
 *
 * @example
 * ```ts
 * await deliverNotifications(plan.notifications.map((notification) => ({ notification, context })), { outbox, mailer, ...settings }, new Date());
 * ```
 */
export const deliverNotifications = async (
  items: readonly { readonly notification: StoredNotification; readonly context?: NotificationContext | undefined }[],
  deps: NotificationSettings & {
    readonly outbox: NotificationOutbox;
    readonly mailer: NotificationMailer;
    readonly onError?: (error: unknown, notification: StoredNotification) => void;
  },
  now: Date,
): Promise<DeliveryReport> => {
  const report = { sent: 0, claimedElsewhere: 0, undeliverable: 0, failed: 0 };
  const leaseUntil = new Date(now.getTime() + NOTIFICATION_LEASE_SECONDS * 1000);
  await Promise.all(
    items.map(async ({ notification, context }) => {
      try {
        if (!(await deps.outbox.claim(notification.notificationId, now, leaseUntil))) {
          report.claimedElsewhere += 1;
          return;
        }
        const found = context ?? (await deps.outbox.contextOf(notification));
        const email = found && composeNotificationEmail(notification, found, deps, now);
        if (email === undefined && found !== undefined && recipientMayYetBeListed(notification, now)) {
          // A supervisor added a moment ago: this function's copy of the directory may be up to
          // a minute old. The lease runs out and the next sweep tries again, with a fresh copy.
          report.failed += 1;
          return;
        }
        if (email === undefined) {
          await deps.outbox.markSent(notification.notificationId, leaseUntil, now, 'undeliverable');
          report.undeliverable += 1;
          return;
        }
        await deps.mailer.send(email);
        await deps.outbox.markSent(notification.notificationId, leaseUntil, now, 'sent');
        report.sent += 1;
      } catch (error) {
        report.failed += 1;
        deps.onError?.(error, notification);
      }
    }),
  );
  return report;
};
