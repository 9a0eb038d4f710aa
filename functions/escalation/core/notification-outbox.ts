import type { StoredNotification } from '../contracts/stored-notification-items.ts';

// Adapters read and write outbox items through the core, which owns the contract they follow.
import type { StoredEscalation } from './escalation-store.ts';

/**
 * What an email about a notification needs beyond the outbox item: the escalation's state and,
 * for an escalation about a complaint, the complaint's contact (absent for a survey score's).
 */
export type NotificationContext = {
  readonly complaint?: { readonly complaintId: string; readonly reference: string; readonly email: string; readonly locale?: string | undefined } | undefined;
  readonly escalation: Omit<StoredEscalation, 'audit'>;
};

/**
 * The notification outbox (`NOTIFICATION#<id>` items on the sparse `NOTIFICATIONS_PENDING`
 * partition). A sender claims an item with a lease before it sends, so two senders (the fast
 * path and the sweep, or two sweeps) never both mail it; it leaves the index once sent.
 */
export interface NotificationOutbox {
  /** Pending notifications, oldest first (sent ones are no longer on the index). */
  findPending(limit: number): Promise<readonly StoredNotification[]>;
  /** Takes the lease until `leaseUntil` unless the item is sent or leased by another sender still within its lease; `false` when it lost. */
  claim(notificationId: string, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Records the send and takes the item off the pending index (only by the lease holder). */
  markSent(notificationId: string, leaseUntil: Date, now: Date, outcome: 'sent' | 'undeliverable'): Promise<void>;
  /** The escalation a notification is about and its complaint (if it names one); `undefined` if either is gone (retention). */
  contextOf(notification: StoredNotification): Promise<NotificationContext | undefined>;
}

/** An email to one address; the mailer throws on failure and the lease lets the next sweep retry. */
export type OutgoingNotificationEmail = {
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly tags: Readonly<Record<string, string>>;
};

export interface NotificationMailer {
  send(email: OutgoingNotificationEmail): Promise<{ readonly messageId: string }>;
}
