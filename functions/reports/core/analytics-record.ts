import { storedEscalationSchema } from '../../escalation/contracts/stored-escalation-items.ts';
import { storedComplaintStatusSchema } from '../../intake/contracts/stored-complaint.ts';
import { storedInvitationSchema } from '../../surveys/contracts/stored-invitation.ts';
import { storedSurveyResponseSchema } from '../../surveys/contracts/stored-survey-response.ts';
import type { ReportedAs } from '../../surveys/contracts/reported-as.ts';
import { type CountedKind, countedKindOf } from './counter-tally.ts';

/**
 * One row of the analytics copy (docs/reports.md#scale-path): a change to a counted item, flat, in
 * snake case as Athena's columns are, holding no email address, name or free text, so the copy
 * needs no erasure and may be kept for years. Absent fields are left out of the JSON line.
 */
export type AnalyticsRecord = Readonly<Record<string, string | number | boolean>>;

/** What a stream record says, as Lambda and EventBridge Pipes deliver it, its images unmarshalled. */
export interface ItemChange {
  readonly eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** When DynamoDB made the change, ISO 8601. */
  readonly changedAt: string;
  /** DynamoDB's TTL deleted it (an expiry, not a person's delete). */
  readonly expired: boolean;
  readonly oldImage?: Record<string, unknown> | undefined;
  readonly newImage?: Record<string, unknown> | undefined;
}

// The fields of each kind of item the copy keeps; none personal (comments, descriptions, names
// and addresses stay behind).
const defined = (fields: Record<string, string | number | boolean | undefined>): AnalyticsRecord =>
  Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined));

const responseFields = (image: Record<string, unknown>) => {
  const parsed = storedSurveyResponseSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const { invitationId, status, source, answer, firstAnsweredAt, updatedAt, confirmedAt, surveyKind, reportedAs, aboutProductNotAgent } = parsed.data;
  return defined({
    item_type: 'survey_response',
    item_id: invitationId,
    status,
    source,
    survey_kind: surveyKind,
    csat: answer.csat,
    nps: answer.nps,
    ces: answer.ces,
    reasons: answer.reasons?.join(' '),
    has_comment: answer.comment !== undefined && answer.comment !== '',
    first_answered_at: firstAnsweredAt,
    updated_at: updatedAt,
    confirmed_at: confirmedAt,
    about_product_not_agent: aboutProductNotAgent,
    ...reportedFields(reportedAs),
  });
};

const reportedFields = (reportedAs: ReportedAs | undefined) => ({
  team: reportedAs?.team,
  product: reportedAs?.product,
  agent: reportedAs?.agent,
  region: reportedAs?.region,
  language: reportedAs?.language,
  tier: reportedAs?.tier,
});

const invitationFields = (image: Record<string, unknown>) => {
  const parsed = storedInvitationSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const { invitationId, kind, state, scheduledFor, sentAt, remindedAt, bouncedAt, cancelledAt, reportedAs } = parsed.data;
  return defined({
    item_type: 'survey_invitation',
    item_id: invitationId,
    survey_kind: kind,
    status: state,
    scheduled_for: scheduledFor,
    sent_at: sentAt,
    reminded_at: remindedAt,
    bounced_at: bouncedAt,
    cancelled_at: cancelledAt,
    ...reportedFields(reportedAs),
  });
};

const complaintFields = (image: Record<string, unknown>) => {
  const parsed = storedComplaintStatusSchema.safeParse(image);
  if (!parsed.success) return undefined;
  // Not its product: the complainant typed it, and what a person types stays behind.
  const { reference, status, category, acceptedAt, resolvedAt } = parsed.data;
  return defined({ item_type: 'complaint', item_id: reference, status, category, accepted_at: acceptedAt, resolved_at: resolvedAt });
};

const escalationFields = (image: Record<string, unknown>) => {
  const parsed = storedEscalationSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const escalation = parsed.data;
  return defined({
    item_type: 'escalation',
    item_id: escalation.reference,
    source: escalation.source ?? 'complaint',
    status: escalation.status,
    team: escalation.team,
    tier: escalation.tier,
    region: escalation.region,
    severity: escalation.severity,
    guaranteed: escalation.guaranteed,
    level: escalation.level,
    breached: escalation.breached,
    created_at: escalation.createdAt,
    ack_due_at: escalation.ackDueAt,
    acknowledged_at: escalation.acknowledgedAt,
    resolved_at: escalation.resolvedAt,
  });
};

const feedbackFields = (image: Record<string, unknown>) => {
  const { feedbackId, kind, articleId, pageUrl, helpful, rating, comment, locale, acceptedAt } = image;
  if ((kind !== 'site' && kind !== 'article') || typeof feedbackId !== 'string' || typeof acceptedAt !== 'string') return undefined;
  // Host and path only: a query string may carry what a visitor typed.
  const page = typeof pageUrl === 'string' && URL.canParse(pageUrl) ? `${new URL(pageUrl).host}${new URL(pageUrl).pathname}` : undefined;
  return defined({
    item_type: 'help_feedback',
    item_id: feedbackId,
    feedback_kind: kind,
    article: typeof articleId === 'string' ? articleId : undefined,
    page,
    helpful: typeof helpful === 'boolean' ? helpful : undefined,
    rating: typeof rating === 'number' ? rating : undefined,
    has_comment: typeof comment === 'string' && comment !== '',
    language: typeof locale === 'string' ? locale.split('-')[0] : undefined,
    accepted_at: acceptedAt,
  });
};

const FIELDS_OF: Readonly<Record<CountedKind, (image: Record<string, unknown>) => AnalyticsRecord | undefined>> = {
  survey_response: responseFields,
  survey_invitation: invitationFields,
  complaint: complaintFields,
  escalation: escalationFields,
  help_feedback: feedbackFields,
};

// The same kinds of item the report counters count, told apart the same way.
const fieldsOf = (image: Record<string, unknown>): AnalyticsRecord | undefined => {
  const kind = countedKindOf(image);
  return kind === undefined ? undefined : FIELDS_OF[kind](image);
};

/**
 * The analytics row of one change to the feedback table: the item as it is after the change (or
 * was, for a delete), with the change's kind and time; `undefined` for an item the reports do not
 * count (directory, outbox, markers, audit entries…). An expiry is kept as `expired`, so a query
 * over years still sees the item's last state.
 *
 * @example
 * ```ts
 * analyticsRecordOf({ eventName: 'INSERT', changedAt: '2026-12-06T09:00:00.000Z', expired: false, newImage: response });
 * // { change: 'INSERT', changed_at: '2026-12-06T09:00:00.000Z', item_type: 'survey_response', csat: 4, team: 'japan-support', … }
 * ```
 */
export const analyticsRecordOf = (change: ItemChange): AnalyticsRecord | undefined => {
  const image = change.newImage ?? change.oldImage;
  const fields = image === undefined ? undefined : fieldsOf(image);
  if (fields === undefined) return undefined;
  return { change: change.expired ? 'EXPIRE' : change.eventName, changed_at: change.changedAt, ...fields };
};

/**
 * The Athena columns of the analytics table, in order, with their types: every field
 * {@link analyticsRecordOf} writes, so the table's schema and the rows cannot drift apart (a test
 * holds them together).
 */
export const ANALYTICS_COLUMNS: readonly (readonly [name: string, type: 'string' | 'int' | 'boolean'])[] = [
  ['change', 'string'],
  ['changed_at', 'string'],
  ['item_type', 'string'],
  ['item_id', 'string'],
  ['status', 'string'],
  ['source', 'string'],
  ['survey_kind', 'string'],
  ['csat', 'int'],
  ['nps', 'int'],
  ['ces', 'int'],
  ['reasons', 'string'],
  ['has_comment', 'boolean'],
  ['first_answered_at', 'string'],
  ['updated_at', 'string'],
  ['confirmed_at', 'string'],
  ['about_product_not_agent', 'boolean'],
  ['scheduled_for', 'string'],
  ['sent_at', 'string'],
  ['reminded_at', 'string'],
  ['bounced_at', 'string'],
  ['cancelled_at', 'string'],
  ['team', 'string'],
  ['product', 'string'],
  ['agent', 'string'],
  ['region', 'string'],
  ['language', 'string'],
  ['tier', 'string'],
  ['category', 'string'],
  ['accepted_at', 'string'],
  ['resolved_at', 'string'],
  ['severity', 'string'],
  ['guaranteed', 'boolean'],
  ['level', 'int'],
  ['breached', 'boolean'],
  ['created_at', 'string'],
  ['ack_due_at', 'string'],
  ['acknowledged_at', 'string'],
  ['feedback_kind', 'string'],
  ['article', 'string'],
  ['page', 'string'],
  ['helpful', 'boolean'],
  ['rating', 'int'],
];
