import { storedEscalationSchema } from '../../escalation/contracts/stored-escalation-items.ts';
import { storedComplaintStatusSchema } from '../../intake/contracts/stored-complaint.ts';
import { storedSurveyResponseSchema } from '../../surveys/contracts/stored-survey-response.ts';
import type { EXPORT_KINDS } from '../contracts/reports-api.ts';

export type ExportKind = (typeof EXPORT_KINDS)[number];

type Cell = string | number | boolean | undefined;

/**
 * The columns of each export, in order. No export carries an email address or a name: the
 * complaint's and the customer's stay in the table; ids and references lead back to them.
 */
export const EXPORT_COLUMNS: Readonly<Record<ExportKind, readonly string[]>> = {
  responses: [
    'answered_at',
    'updated_at',
    'status',
    'source',
    'survey_kind',
    'csat',
    'nps',
    'ces',
    'reasons',
    'comment',
    'team',
    'agent',
    'product',
    'region',
    'language',
    'tier',
    'about_product_not_agent',
    'response_id',
    'invitation_id',
  ],
  complaints: [
    'accepted_at',
    'reference',
    'category',
    'status',
    'product',
    'case_id',
    'locale',
    'description',
    'under_review_at',
    'respond_by',
    'response_guaranteed',
    'resolved_at',
  ],
  escalations: [
    'created_at',
    'reference',
    'source',
    'team',
    'severity',
    'tier',
    'region',
    'level',
    'status',
    'assignee',
    'ack_due_at',
    'acknowledged_at',
    'resolve_due_at',
    'resolved_at',
    'guaranteed',
    'breached',
  ],
  feedback: ['accepted_at', 'kind', 'article_id', 'page_url', 'helpful', 'rating', 'comment', 'locale', 'feedback_id'],
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const ROWS: Readonly<Record<ExportKind, (item: Record<string, unknown>) => readonly Cell[] | undefined>> = {
  responses: (item) => {
    const parsed = storedSurveyResponseSchema.safeParse(item);
    if (!parsed.success) return undefined;
    const { answer, reportedAs, ...response } = parsed.data;
    return [
      response.firstAnsweredAt,
      response.updatedAt,
      response.status === 'confirmed' ? 'confirmed' : 'unconfirmed',
      response.source,
      response.surveyKind,
      answer.csat,
      answer.nps,
      answer.ces,
      answer.reasons?.join(';'),
      answer.comment,
      reportedAs?.team,
      reportedAs?.agent,
      reportedAs?.product,
      reportedAs?.region,
      reportedAs?.language,
      reportedAs?.tier,
      response.aboutProductNotAgent,
      response.responseId,
      response.invitationId,
    ];
  },
  complaints: (item) => {
    const parsed = storedComplaintStatusSchema.safeParse(item);
    if (!parsed.success) return undefined;
    const complaint = parsed.data;
    return [
      complaint.acceptedAt,
      complaint.reference,
      complaint.category,
      complaint.status,
      text(item['product']),
      text(item['caseId']),
      complaint.locale,
      text(item['description']),
      complaint.underReviewAt,
      complaint.respondBy,
      complaint.responseGuaranteed,
      complaint.resolvedAt,
    ];
  },
  escalations: (item) => {
    const parsed = storedEscalationSchema.safeParse(item);
    if (!parsed.success) return undefined;
    const escalation = parsed.data;
    return [
      escalation.createdAt,
      escalation.reference,
      escalation.source ?? 'complaint',
      escalation.team,
      escalation.severity,
      escalation.tier,
      escalation.region,
      escalation.level,
      escalation.status,
      escalation.assignee,
      escalation.ackDueAt,
      escalation.acknowledgedAt,
      escalation.resolveDueAt,
      escalation.resolvedAt,
      escalation.guaranteed,
      escalation.breached,
    ];
  },
  feedback: (item) => [
    text(item['acceptedAt']),
    text(item['kind']),
    text(item['articleId']),
    text(item['pageUrl']),
    typeof item['helpful'] === 'boolean' ? item['helpful'] : undefined,
    typeof item['rating'] === 'number' ? item['rating'] : undefined,
    text(item['comment']),
    text(item['locale']),
    text(item['feedbackId']),
  ],
};

/**
 * One item as a row of its export's {@link EXPORT_COLUMNS}, or `undefined` for an item that does
 * not read as its kind (left out, not guessed at).
 *
 * @example
 * ```ts
 * exportRowOf('complaints', item); // ['2026-12-01T09:00:00.000Z', 'CMP-…', 'billing', 'received', …]
 * ```
 */
export const exportRowOf = (kind: ExportKind, item: Record<string, unknown>): readonly Cell[] | undefined => ROWS[kind](item);
