import * as z from 'zod/mini';
import { reportedAsSchema } from './reported-as.ts';
import { surveyKindSchema } from './survey-kind.ts';

const instant = z.iso.datetime();

const storedAnswer = z.looseObject({
  csat: z.optional(z.int()),
  nps: z.optional(z.int()),
  ces: z.optional(z.int()),
  reasons: z.optional(z.array(z.string())),
  comment: z.optional(z.string()),
});

/**
 * An invitation's one response (`INVITATION#<id>` / `RESPONSE`), read back through this schema
 * rather than trusted. Keys and index attributes are allowed and ignored.
 */
export const storedSurveyResponseSchema = z.looseObject({
  responseId: z.string(),
  invitationId: z.string(),
  status: z.enum(['provisional', 'confirmed']),
  source: z.enum(['one_click', 'page', 'api']),
  answer: storedAnswer,
  firstAnsweredAt: instant,
  updatedAt: instant,
  confirmedAt: z.optional(instant),
  /** Its invitation's kind and what it is reported under, copied so the report counters need only this item's stream record. */
  surveyKind: z.optional(surveyKindSchema),
  reportedAs: z.optional(reportedAsSchema),
  /** A supervisor marked it about the product, not the agent: counted overall, not in the agent's figures. */
  aboutProductNotAgent: z.optional(z.boolean()),
  /** Who set or cleared that mark last, and when. */
  aboutProductMarkedBy: z.optional(z.string()),
  aboutProductMarkedAt: z.optional(instant),
});

/**
 * A confirmed low CSAT waiting for the escalation rules (`ESCALATION_REQUEST#<responseId>` /
 * `ESCALATION_REQUEST`, on gsi1 `ESCALATION_REQUESTS` / `<requestedAt>#<responseId>` until the
 * escalation side takes it). Written once per response; carries what a supervisor needs to act.
 */
export const storedEscalationRequestSchema = z.looseObject({
  requestId: z.string(),
  source: z.literal('survey'),
  responseId: z.string(),
  invitationId: z.string(),
  customerId: z.string(),
  caseId: z.optional(z.string()),
  csat: z.int(),
  reasons: z.optional(z.array(z.string())),
  comment: z.optional(z.string()),
  requestedAt: instant,
});
