import type { CustomerTier } from '../contracts/escalation-rules.ts';
import type { EscalationSettings } from '../contracts/escalation-settings.ts';
import { notificationIdOf, type StoredNotification } from '../contracts/stored-notification-items.ts';
import { surveyEscalationReference } from '../../intake/core/complaint-reference.ts';
import type { EscalationRequest } from '../../surveys/core/escalation-request.ts';
import { type CustomerContext, decideEscalation } from './decide-escalation.ts';
import type { Escalation } from './escalation.ts';
import { openEscalation } from './open-escalation.ts';
import type { ComplaintCaseContext } from './plan-complaint-escalation.ts';
import { rostersOf } from './supervisor-directory.ts';

/** What the consumer read before deciding, in one BatchGetItem. */
export type SurveyEscalationContext = {
  /** The request as stored (the first confirmed low answer's score and comment); absent if it is gone. */
  readonly request?: EscalationRequest | undefined;
  /** Whether the request still waits on the `ESCALATION_REQUESTS` index (no escalation opened for it yet). */
  readonly waiting: boolean;
  /** What `POST /cases/resolved` stored about the surveyed case (post-resolution surveys). */
  readonly caseContext?: ComplaintCaseContext | undefined;
  /** The customer's latest contact (`CUSTOMER#<id>`/`CONTACT`): tier, region and language without a case. */
  readonly contact?: { readonly tier: CustomerTier; readonly region?: string | undefined; readonly locale?: string | undefined } | undefined;
  /** Per team, the supervisor assigned last. */
  readonly roundRobinCursors: Readonly<Record<string, string>>;
};

export type SurveyEscalationPlan =
  | { readonly kind: 'nothing_to_do'; readonly reason: 'request_gone' | 'already_taken' }
  | { readonly kind: 'not_escalated'; readonly reason: string; readonly appliedRules: readonly string[] }
  | {
      readonly kind: 'escalate';
      readonly escalation: Escalation;
      readonly reference: string;
      /** The assignee's outbox item (the customer filed nothing, so nothing goes to them). */
      readonly notifications: readonly StoredNotification[];
      /** The team's new round-robin cursor, when the choice moved it. */
      readonly nextRoundRobinCursor?: string | undefined;
      readonly appliedRules: readonly string[];
    };

/**
 * Decides the escalation a confirmed very low survey score opens: the same rules as a complaint's
 * (`csatAtMost` severity rules, routing by product, region and language, the tier's SLA), the
 * customer from the surveyed case (tier, region, product, team; never assigning the agent who
 * handled it) or, for a relationship survey, from their contact. The escalation has the response's
 * id and a `CSAT-…` reference. Pure: the consumer writes the result in one transaction that also
 * takes the request off the waiting index, so a redelivery finds nothing left to do.
 *
 * @example
 * ```ts
 * const plan = planSurveyEscalation({ request, waiting: true, roundRobinCursors: {} }, settings, now);
 * if (plan.kind === 'escalate') plan.escalation.assignee; // 'sup-general-ana'
 * ```
 */
export const planSurveyEscalation = (context: SurveyEscalationContext, settings: EscalationSettings, now: Date): SurveyEscalationPlan => {
  const { request, caseContext: found, contact } = context;
  if (request === undefined) return { kind: 'nothing_to_do', reason: 'request_gone' };
  if (!context.waiting) return { kind: 'nothing_to_do', reason: 'already_taken' };
  const language = found?.locale ?? contact?.locale;
  const region = found?.region ?? contact?.region;
  const customer: CustomerContext = {
    id: found?.customerId ?? request.customerId,
    tier: found?.tier ?? contact?.tier ?? 'standard',
    ...(region === undefined ? {} : { region }),
    ...(language === undefined ? {} : { language }),
    ...(found?.product === undefined ? {} : { product: found.product }),
    ...(found?.team === undefined ? {} : { team: found.team }),
  };
  const decision = decideEscalation(
    {
      kind: 'csat',
      ...(request.caseId === undefined ? {} : { caseId: request.caseId }),
      score: request.csat,
      // The request exists only for a confirmed score (see escalationRequestFor).
      confirmed: true,
      ...(request.comment === undefined ? {} : { comment: request.comment }),
      customer,
    },
    settings.rules,
    {
      // A low score is not a complaint: it neither counts towards nor meets the repeat rule.
      previousComplaintsAt: [],
      rosters: rostersOf(settings.directory, now),
      roundRobinCursors: context.roundRobinCursors,
      ...(found?.agentId === undefined ? {} : { subjectAgentId: found.agentId }),
    },
    now,
  );
  if (!decision.escalate) return { kind: 'not_escalated', reason: decision.reason, appliedRules: decision.appliedRules };

  const escalation = openEscalation(decision, { id: request.responseId, source: 'survey', subjectAgentId: found?.agentId }, now);
  const assigned: StoredNotification = {
    notificationId: notificationIdOf(escalation.id, 'assigned', escalation.level),
    kind: 'assigned',
    escalationId: escalation.id,
    recipientUserId: escalation.assignee,
    level: escalation.level,
    createdAt: now.toISOString(),
  };
  return {
    kind: 'escalate',
    escalation,
    reference: surveyEscalationReference(request.responseId),
    notifications: [assigned],
    nextRoundRobinCursor: decision.nextRoundRobinCursor,
    appliedRules: decision.appliedRules,
  };
};
