import type { EscalationSettings } from '../contracts/escalation-settings.ts';
import type { ComplaintAcceptedMessage } from '../../intake/contracts/complaint-accepted-message.ts';
import { notificationIdOf, type StoredNotification } from '../contracts/stored-notification-items.ts';
import { type CustomerContext, decideEscalation } from './decide-escalation.ts';
import type { Escalation } from './escalation.ts';
import { openEscalation } from './open-escalation.ts';
import { rostersOf } from './supervisor-directory.ts';

const DAY = 86_400_000;

/**
 * Acknowledgement emails one address is sent in 24 hours: the complaint form needs no account, so
 * without a cap a script could make the pipeline mail a stranger without end. Later complaints are
 * stored and escalated as any other, marked `acknowledgement: 'withheld'` for the supervisor.
 */
const ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY = 5;

/** What `POST /cases/resolved` stored about the case a complaint names (`CASE#<caseId>`/`CONTEXT`). */
export type ComplaintCaseContext = {
  readonly customerId: string;
  readonly tier: 'premium' | 'standard';
  readonly locale?: string | undefined;
  readonly region?: string | undefined;
  readonly product?: string | undefined;
  readonly team?: string | undefined;
  readonly agentId?: string | undefined;
};

/** What the consumer read before deciding, in one BatchGetItem. */
export type ComplaintEscalationContext = {
  readonly caseContext?: ComplaintCaseContext | undefined;
  /** When the same complainant filed earlier complaints (the complainant's log, newest last). */
  readonly previousComplaintsAt: readonly string[];
  /** Per team, the supervisor assigned last. */
  readonly roundRobinCursors: Readonly<Record<string, string>>;
};

export type ComplaintEscalationPlan = {
  /** The customer the complaint is about: the case's customer, or the complainant's address key. */
  readonly customer: CustomerContext;
  /** The complainant's log after this complaint: times within the longest repeat window. */
  readonly complaintTimes: readonly string[];
  readonly escalation?: Escalation;
  /** The outbox items to write with the escalation: the assignee's and the complainant's emails. */
  readonly notifications: readonly StoredNotification[];
  /** The round-robin cursors to store when an escalation moved one. */
  readonly roundRobinCursors: Readonly<Record<string, string>>;
  readonly appliedRules: readonly string[];
  /** No acknowledgement email: the address had {@link ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY} complaints in the 24 hours before this one. */
  readonly acknowledgementWithheld: boolean;
};

/** The longest `repeatComplaints.withinDays` of the rules (at least one day): how long the complainant's log keeps a time. */
export const repeatWindowDaysOf = (settings: EscalationSettings): number =>
  Math.max(1, ...settings.rules.severityRules.map(({ when }) => when.repeatComplaints?.withinDays ?? 0));

/**
 * Everything a stored complaint sets going: the customer it inherits from its case (tier,
 * region, product, team, the agent it is about), the escalation the rules decide (assignee in
 * round-robin among the team's available supervisors), and the two outbox items announcing it.
 * Pure: the consumer writes the result in one transaction with the complaint.
 *
 * @example
 * ```ts
 * const plan = planComplaintEscalation(message, { complainantKey }, { previousComplaintsAt: [], roundRobinCursors: {} }, settings, now);
 * plan.escalation?.assignee; // 'sup-general-ana'
 * ```
 */
export const planComplaintEscalation = (
  message: ComplaintAcceptedMessage,
  { complainantKey }: { readonly complainantKey: string },
  context: ComplaintEscalationContext,
  settings: EscalationSettings,
  now: Date,
): ComplaintEscalationPlan => {
  const { submission } = message;
  const found = context.caseContext;
  const language = submission.locale ?? found?.locale;
  const product = submission.product ?? found?.product;
  const customer: CustomerContext = {
    id: found?.customerId ?? complainantKey,
    tier: found?.tier ?? 'standard',
    ...(found?.region === undefined ? {} : { region: found.region }),
    ...(language === undefined ? {} : { language }),
    ...(product === undefined ? {} : { product }),
    ...(found?.team === undefined ? {} : { team: found.team }),
  };
  const windowStart = now.getTime() - repeatWindowDaysOf(settings) * DAY;
  const earlier = context.previousComplaintsAt.filter((at) => Date.parse(at) > windowStart && Date.parse(at) <= now.getTime());
  const complaintTimes = [...earlier, message.acceptedAt].slice(-50);
  // The complainant's log keeps at least a day (repeatWindowDaysOf), so it counts the last 24 hours.
  const acknowledgementWithheld = earlier.filter((at) => Date.parse(at) > now.getTime() - DAY).length >= ACKNOWLEDGEMENTS_PER_ADDRESS_PER_DAY;

  const decision = decideEscalation(
    {
      kind: 'complaint',
      ...(submission.caseId === undefined ? {} : { caseId: submission.caseId }),
      category: submission.category,
      description: submission.description,
      customer,
    },
    settings.rules,
    {
      previousComplaintsAt: earlier,
      rosters: rostersOf(settings.directory, now),
      roundRobinCursors: context.roundRobinCursors,
      ...(found?.agentId === undefined ? {} : { subjectAgentId: found.agentId }),
    },
    now,
  );
  if (!decision.escalate)
    return {
      customer,
      complaintTimes,
      notifications: [],
      roundRobinCursors: context.roundRobinCursors,
      appliedRules: decision.appliedRules,
      acknowledgementWithheld: false,
    };

  const escalation = openEscalation(decision, { id: message.complaintId, source: 'complaint', subjectAgentId: found?.agentId }, now);
  const createdAt = now.toISOString();
  const notification = (kind: 'assigned' | 'complaint_acknowledged', recipientUserId?: string): StoredNotification => ({
    notificationId: notificationIdOf(escalation.id, kind, escalation.level),
    kind,
    escalationId: escalation.id,
    complaintId: message.complaintId,
    ...(recipientUserId === undefined ? {} : { recipientUserId }),
    level: escalation.level,
    createdAt,
  });
  const cursors = { ...context.roundRobinCursors };
  if (decision.nextRoundRobinCursor !== undefined) cursors[decision.team] = decision.nextRoundRobinCursor;
  return {
    customer,
    complaintTimes,
    escalation,
    notifications: [notification('assigned', escalation.assignee), ...(acknowledgementWithheld ? [] : [notification('complaint_acknowledged')])],
    roundRobinCursors: cursors,
    appliedRules: decision.appliedRules,
    acknowledgementWithheld,
  };
};
