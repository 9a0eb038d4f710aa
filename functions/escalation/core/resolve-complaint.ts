import { notificationIdOf, type StoredNotification } from '../contracts/stored-notification-items.ts';
import type { EscalationSubjectStore } from './escalation-subject-store.ts';
import type { StoredEscalation } from './escalation-store.ts';
import { expiresAtEpochSeconds } from '../../platform/single-table/retention.ts';

type EscalationState = Omit<StoredEscalation, 'audit'>;

/**
 * The email telling a complainant their complaint was resolved, as an outbox item: one per
 * escalation and level, so a repeated resolve finds it written already.
 *
 * @example
 * ```ts
 * complaintResolvedNotification(escalation, now).kind; // 'complaint_resolved'
 * ```
 */
export const complaintResolvedNotification = (escalation: EscalationState, now: Date): StoredNotification => ({
  notificationId: notificationIdOf(escalation.id, 'complaint_resolved', escalation.level),
  kind: 'complaint_resolved',
  escalationId: escalation.id,
  // The escalation of a complaint has the complaint's id (the consumer opens it so).
  complaintId: escalation.id,
  level: escalation.level,
  createdAt: now.toISOString(),
});

/**
 * What a resolve writes besides the escalation: for the escalation of a stored complaint, the
 * complainant's email and the complaint's `resolved` status, kept `retentionDays` from the
 * resolution (its TTL starts only now). An escalation without a stored complaint (a confirmed low
 * CSAT, a hand-made one) has nobody to tell and nothing to change.
 *
 * @example
 * ```ts
 * await complaintResolutionWrites(store, escalation, now, 1095); // [outbox put, complaint update] or []
 * ```
 */
export const complaintResolutionWrites = async (
  store: Pick<EscalationSubjectStore, 'hasComplaint' | 'resolutionWrites'>,
  escalation: EscalationState,
  now: Date,
  retentionDays: number,
) =>
  escalation.source !== 'survey' && (await store.hasComplaint(escalation.id))
    ? store.resolutionWrites(
        escalation,
        complaintResolvedNotification(escalation, now),
        expiresAtEpochSeconds(escalation.resolvedAt ?? now.toISOString(), retentionDays),
      )
    : [];
