import * as z from 'zod/mini';

/**
 * The escalation emails, each written to the table as an outbox item in the same transaction as
 * the change it announces, then sent by the notifier (which deletes or marks the item), so a crash
 * between the change and the email never loses the email, and a redelivery never doubles it:
 *
 * - `assigned`: a new escalation's level-1 assignee, with a link to it in the console;
 * - `complaint_acknowledged`: the complainant, in their language: reference, status link, and the
 *   response-time promise that applies (a guarantee for premium, a target for standard); none for
 *   an escalation a confirmed low survey score raised (the customer filed nothing to track);
 * - `escalated`: the next level's assignee (team lead at level 2, head of support at level 3) when
 *   nobody acknowledged in time;
 * - `ack_warning`: the current assignee, before the acknowledgement breach (default at 75%);
 * - `complaint_resolved`: the complainant, with the resolution text, in their language.
 */
export const NOTIFICATION_KINDS = ['assigned', 'complaint_acknowledged', 'escalated', 'ack_warning', 'complaint_resolved'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One pending email (`NOTIFICATION#<notificationId>` / `NOTIFICATION`, on the sparse gsi1 partition
 * `NOTIFICATIONS_PENDING` with gsi1sk `<createdAt>#<notificationId>` until sent). The id is derived
 * from what it announces (`<escalationId>#<kind>#<level>`), and the item is put only if absent,
 * so running the same step twice queues one email. It names whom to mail, never their address:
 * the notifier looks the address up (the supervisor directory, or the complaint's stored email),
 * so no personal data sits in the outbox.
 */
export const storedNotificationSchema = z.looseObject({
  notificationId: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  escalationId: z.string(),
  /**
   * The complaint the escalation is about (its reference, email and language live on the complaint
   * item). Absent when a survey score raised the escalation: only supervisors are mailed about it.
   */
  complaintId: z.optional(z.string()),
  /** Supervisor notifications: the user to mail. Complainant notifications have none. */
  recipientUserId: z.optional(z.string()),
  /** The escalation level the email announces. */
  level: z.int(),
  createdAt: z.iso.datetime(),
});

export type StoredNotification = z.infer<typeof storedNotificationSchema>;

/** The outbox item's id: one per escalation, kind and level. */
export const notificationIdOf = (escalationId: string, kind: NotificationKind, level: number): string => `${escalationId}#${kind}#${level}`;
