import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createEscalationItems } from '../../functions/escalation/adapters/escalation-items.ts';
import type { AuditEntry, Escalation } from '../../functions/escalation/core/escalation.ts';
import { complaintItem } from '../../functions/intake/core/complaint-record.ts';
import { feedbackItem } from '../../functions/intake/core/feedback-record.ts';
import { clean } from '../../functions/platform/single-table/clean-item.ts';
import { invitationKey } from '../../functions/surveys/contracts/survey-item-keys.ts';
import { invitationAttributes, responseAttributes } from '../../functions/surveys/adapters/survey-items.ts';
import type { SurveyInvitation } from '../../functions/surveys/core/customer-survey-history.ts';
import { type SurveyResponse, surveyResponseId } from '../../functions/surveys/core/record-survey-answer.ts';

/**
 * A quarter of history for `npm run demo`, so the console's reports have trends to show: survey
 * invitations and answers of the demo directory's three teams, a relationship (NPS) survey each
 * month, escalations, complaints and help-site feedback, every item shaped by the writers' own
 * item functions. Ids are the day's and a counter's, and the numbers come from a generator seeded
 * by the day: seeded twice the same day, the items are the same, and the counters (which move by
 * the difference between old and new images) do not count them twice.
 */

const DAY_MS = 86_400_000;
/** Retention as the writers' defaults give it (survey items: 730 days after the link expires). */
const SURVEY_RETENTION_DAYS = 730;
const COMPLAINT_RETENTION_DAYS = 1095;
const FEEDBACK_RETENTION_DAYS = 365;
const LINK_DAYS = 14;

// Hand-written (a few lines): mulberry32, so a day's history is the same on every run without a
// dependency for it.
const seededRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

// An id in the writers' form (a UUID), the same for the same day, kind and number.
const historyId = (seed: string) => {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
// A reference in the intake's form: CMP- and 8 of its alphabet (hex digits are among them).
const referenceOf = (id: string) => `CMP-${id.slice(0, 8).toUpperCase()}`;

const TEAMS = [
  { team: 'general-support', region: 'us', language: 'en', product: 'compiler', agents: ['agent-sam', 'agent-lee', 'agent-ira'], lead: 'lead-general-chloe' },
  { team: 'cloud-platform', region: 'uk', language: 'en', product: 'cloud-storage', agents: ['agent-noor', 'agent-tom'], lead: 'lead-cloud-femi' },
  { team: 'japan-support', region: 'jp', language: 'ja', product: 'billing', agents: ['agent-yui', 'agent-ren', 'agent-sora'], lead: 'lead-japan-kenji' },
] as const;
const ARTICLES = [
  'kb-reset-password',
  'kb-billing-cycle',
  'kb-storage-quota',
  'kb-build-errors',
  'kb-refunds',
  'kb-two-factor',
  'kb-export-data',
  'kb-api-limits',
];
const CATEGORIES = ['slow-response', 'unresolved', 'attitude', 'wrong-advice', 'billing'];

/** A CSAT of 1–5: a team's satisfied share drifts from `start` to `end` over the quarter. */
const csatOf = (random: () => number, satisfied: number) => {
  if (random() < satisfied) return random() < 0.55 ? 5 : 4;
  const roll = random();
  return roll < 0.45 ? 3 : roll < 0.75 ? 2 : 1;
};

/**
 * Every item of the `days` whole UTC days before `today` (`yyyy-mm-dd`), marshalled for a
 * BatchWriteItem.
 *
 * @example
 * ```ts
 * for (const item of reportHistoryItems('2026-12-06')) await put(item);
 * ```
 */
export const reportHistoryItems = (today: string, days = 91): Record<string, AttributeValue>[] => {
  const items: Record<string, AttributeValue>[] = [];
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = end - days * DAY_MS;
  // Nothing happens after the history ends: an answer comes within two days, or by then.
  const minutesLeft = (instant: string) => Math.floor((end - Date.parse(instant)) / 60_000) - 1;
  for (let index = 0; index < days; index += 1) {
    const dayStart = start + index * DAY_MS;
    const day = new Date(dayStart).toISOString().slice(0, 10);
    const random = seededRandom(dayStart / DAY_MS);
    const progress = index / days;
    const weekday = new Date(dayStart).getUTCDay() % 6 !== 0;
    let serial = 0;
    const at = (hour: number, minute = Math.floor(random() * 60)) => new Date(dayStart + hour * 3_600_000 + minute * 60_000).toISOString();
    const idOf = (kind: string) => historyId(`history ${kind} ${day} ${++serial}`);

    // Survey invitations sent at 10:00 after cases resolved the day before; about half answered.
    for (const [teamIndex, team] of TEAMS.entries()) {
      // General support improves over the quarter, cloud platform slips, Japan holds steady.
      const satisfied = [0.62 + 0.2 * progress, 0.82 - 0.18 * progress, 0.78][teamIndex]!;
      const sentToday = (weekday ? 4 : 1) + Math.floor(random() * 3);
      for (let n = 0; n < sentToday; n += 1) {
        const agent = team.agents[Math.floor(random() * team.agents.length)]!;
        const tier = random() < 0.25 ? 'premium' : 'standard';
        const sentAt = at(10);
        items.push(...surveyItems(random, idOf('invitation'), sentAt, minutesLeft(sentAt), { ...team, agent, tier }, satisfied));
      }
    }
    // The relationship (NPS) survey goes out on the first of the month, to customers of no one team.
    if (day.endsWith('-01'))
      for (let n = 0; n < 40; n += 1) {
        const sentAt = at(9);
        items.push(...surveyItems(random, idOf('relationship'), sentAt, minutesLeft(sentAt), undefined, 0));
      }

    // An escalation most working days, mostly acknowledged in time, resolved within two days.
    if (weekday && random() < 0.7 && index < days - 2)
      items.push(...escalationItems(random, idOf('escalation'), at(11), TEAMS[Math.floor(random() * TEAMS.length)]!));
    if (random() < 0.35) {
      const acceptedAt = at(14);
      items.push(complaintHistoryItem(random, idOf('complaint'), acceptedAt, minutesLeft(acceptedAt)));
    }
    // Help-site feedback: some articles help, some do not.
    for (let n = 0; n < (weekday ? 4 : 2); n += 1) items.push(feedbackHistoryItem(random, idOf('feedback'), at(8 + Math.floor(random() * 10))));
  }
  return items;
};

type TeamCase = { team: string; region: string; language: string; product: string; agent: string; tier: 'premium' | 'standard' };

const epochSeconds = (instant: string, days: number) => Math.floor(Date.parse(instant) / 1000) + days * 86_400;
const later = (instant: string, minutes: number) => new Date(Date.parse(instant) + minutes * 60_000).toISOString();

// An invitation sent at `sentAt`, and its response when the customer answered (within two days).
const surveyItems = (random: () => number, invitationId: string, sentAt: string, minutesLeft: number, teamCase: TeamCase | undefined, satisfied: number) => {
  const relationship = teamCase === undefined;
  const answered = random() < (relationship ? 0.3 : 0.48);
  const linkExpiresAt = later(sentAt, LINK_DAYS * 1440);
  const invitation: SurveyInvitation = {
    invitationId,
    kind: relationship ? 'relationship' : 'post_resolution',
    customerId: `history-customer-${invitationId.slice(0, 8)}`,
    ...(relationship ? {} : { caseId: `HIST-${invitationId.slice(0, 8).toUpperCase()}` }),
    state: answered ? 'answered' : 'sent',
    scheduledFor: sentAt,
    expiresAt: linkExpiresAt,
    retainUntil: epochSeconds(linkExpiresAt, SURVEY_RETENTION_DAYS),
    sentAt,
    ...(random() < 0.3 && minutesLeft > 3 * 1440 ? { remindedAt: later(sentAt, 3 * 1440) } : {}),
    ...(teamCase === undefined ? {} : { reportedAs: { ...teamCase } }),
  };
  const items = [clean({ ...invitationKey(invitationId), ...invitationAttributes(invitation), ...(random() < 0.03 ? { bouncedAt: later(sentAt, 1) } : {}) })];
  if (!answered) return items;
  const answeredAt = later(sentAt, Math.min(minutesLeft, 10 + Math.floor(random() * 2 * 1440)));
  const nps = Math.min(10, Math.floor(random() * 11 + (random() < 0.5 ? 2 : 0)));
  // One answer in twelve is a one-click score never confirmed: reports keep those apart.
  const provisional = !relationship && random() < 1 / 12;
  const response: SurveyResponse = {
    responseId: surveyResponseId(invitationId),
    invitationId,
    status: provisional ? 'provisional' : 'confirmed',
    source: provisional || (!relationship && random() < 0.6) ? 'one_click' : 'page',
    answer: relationship ? { nps } : { csat: csatOf(random, satisfied) },
    firstAnsweredAt: answeredAt,
    updatedAt: answeredAt,
  };
  const confirmed = response.status === 'confirmed' ? { ...response, confirmedAt: answeredAt } : response;
  items.push(clean(responseAttributes(confirmed, invitation)));
  return items;
};

// A resolved escalation opened at `createdAt`: acknowledged within or after its hour, resolved a few hours on.
const escalationItems = (random: () => number, id: string, createdAt: string, team: (typeof TEAMS)[number]) => {
  const premium = random() < 0.35;
  const severity = premium ? 'high' : random() < 0.5 ? 'medium' : 'low';
  const minutesToAck = Math.floor(5 + random() * (random() < 0.15 ? 300 : 70));
  const acknowledgedAt = later(createdAt, minutesToAck);
  const resolvedAt = later(acknowledgedAt, Math.floor(60 + random() * 36 * 60));
  const breached = minutesToAck > 60 && premium;
  const assignee = team.lead;
  const audit: AuditEntry[] = [
    { at: createdAt, actor: 'escalation-rules', action: 'open', detail: {} },
    { at: acknowledgedAt, actor: assignee, action: 'ack', detail: {} },
    { at: resolvedAt, actor: assignee, action: 'resolve', detail: { resolution: 'Resolved with the customer.' } },
  ];
  const escalation: Escalation = {
    id,
    source: 'complaint',
    team: team.team,
    tier: premium ? 'premium' : 'standard',
    region: team.region,
    severity,
    guaranteed: premium,
    level: breached ? 2 : 1,
    assignee,
    status: 'resolved',
    createdAt,
    ackDueAt: later(createdAt, 60),
    warnAt: later(createdAt, 45),
    resolveDueAt: later(createdAt, 2 * 1440),
    warned: minutesToAck > 45,
    breached,
    acknowledgedAt,
    resolvedAt,
    resolution: 'Resolved with the customer.',
    audit,
  };
  // Resolved, it is kept as long as its complaint (its audit entries go with it).
  const [escalationPut, ...auditPuts] = createEscalationItems('history', escalation, referenceOf(id)).map((write) => write.Put!.Item!);
  return [{ ...escalationPut!, ...clean({ expiresAt: epochSeconds(resolvedAt, COMPLAINT_RETENTION_DAYS) }) }, ...auditPuts];
};

const complaintHistoryItem = (random: () => number, complaintId: string, acceptedAt: string, minutesLeft: number) => {
  const category = CATEGORIES[Math.floor(random() * CATEGORIES.length)]!;
  const item = complaintItem(
    {
      type: 'complaint.accepted',
      version: 1,
      complaintId,
      reference: referenceOf(complaintId),
      acceptedAt,
      submission: { email: `history-${complaintId.slice(0, 8)}@example.com`, category, description: 'A complaint of the demo history.' },
    },
    { receivedAt: new Date(acceptedAt), retentionDays: COMPLAINT_RETENTION_DAYS },
  );
  // Most resolved within two days (kept from then), some still under review (kept until
  // resolved), a few taken up by no escalation (kept from acceptance), as the writers set them.
  const roll = random();
  const resolvedAt = later(acceptedAt, 600 + Math.floor(random() * 2 * 1440));
  if (roll < 0.7 && Date.parse(resolvedAt) < Date.parse(acceptedAt) + minutesLeft * 60_000)
    return clean({ ...item, status: 'resolved', resolvedAt, expiresAt: epochSeconds(resolvedAt, COMPLAINT_RETENTION_DAYS) });
  if (roll < 0.9) return clean({ ...item, status: 'under_review', expiresAt: undefined });
  return clean(item);
};

const feedbackHistoryItem = (random: () => number, feedbackId: string, acceptedAt: string) => {
  const articleIndex = Math.floor(random() * ARTICLES.length);
  const site = random() < 0.15;
  // The later articles of the list help less: the report lists the worst first.
  const helpful = random() < 0.9 - articleIndex * 0.08;
  const submission = site
    ? { kind: 'site' as const, pageUrl: 'https://help.example.com/contact', rating: 1 + Math.floor(random() * 5) }
    : {
        kind: 'article' as const,
        articleId: ARTICLES[articleIndex]!,
        pageUrl: `https://help.example.com/articles/${ARTICLES[articleIndex]!}`,
        helpful,
        ...(random() < 0.4 ? { rating: helpful ? 4 + Math.floor(random() * 2) : 1 + Math.floor(random() * 3) } : {}),
      };
  return clean(
    feedbackItem(
      { type: 'feedback.accepted', version: 1, feedbackId, acceptedAt, submission },
      { receivedAt: new Date(acceptedAt), retentionDays: FEEDBACK_RETENTION_DAYS },
    ),
  );
};
