import { BatchWriteItemCommand, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ReportedAs } from '../../functions/surveys/contracts/reported-as.ts';

/**
 * A past quarter of survey answers, invitations and help-article feedback to report on. Answers
 * are dated when they happened, which no API call can do (the pipeline dates what it stores
 * now), so they are written as the survey store and the feedback consumer write them; the
 * table's stream then feeds the report counters as it does for any stored item.
 */
export interface ReportHistory {
  /** Keeps the ids of one history apart from another's (a run, a test). */
  readonly id: string;
  /** The Monday the first week starts, `YYYY-MM-DD`; each week's answers fall on its Monday, UTC. */
  readonly firstMonday: string;
  /** Confirmed CSAT answers per week (post-resolution surveys), each with its sent invitation. */
  readonly csatPerWeek: readonly number[];
  /** Confirmed NPS answers per week (relationship surveys), each with its sent invitation. */
  readonly npsPerWeek: readonly number[];
  /** Invitations sent and never answered, per week: the response rate's other part. */
  readonly unansweredPerWeek: number;
  /** What the n-th answer of a week is reported under (team, agent, product…). */
  readonly reportedAs: (index: number) => ReportedAs;
  /** Help articles and how many readers found each helpful or not. */
  readonly articles: readonly { readonly articleId: string; readonly helpful: number; readonly unhelpful: number }[];
}

const DAY_MS = 86_400_000;

// Scores that drift from week to week, so a trend moves: mostly satisfied, some detractors.
const csatOf = (week: number, index: number) => [5, 4, 5, 2, 4, 5, 3, 4, 1, 5][(index + week) % 10]!;
const npsOf = (week: number, index: number) => [10, 9, 7, 3, 9, 10, 8, 6, 9, 10][(index + week) % 10]!;

/**
 * The items of a {@link ReportHistory}: invitations (`INVITATION#<id>` / `INVITATION`), their
 * confirmed responses (`/ RESPONSE`, listed on gsi1 by month as the export reads them) and
 * article feedback (`FEEDBACK#<id>` / `FEEDBACK`). The first answer of each week carries a
 * comment that starts like a spreadsheet formula, as exports must defuse.
 *
 * @example
 * ```ts
 * await writeItems(dynamodb, tableName, reportHistoryItems({ id: 'demo', firstMonday: '2026-09-07', … }));
 * ```
 */
export const reportHistoryItems = (history: ReportHistory): Record<string, unknown>[] => {
  const start = Date.parse(`${history.firstMonday}T00:00:00Z`);
  const at = (week: number, index: number) => new Date(start + week * 7 * DAY_MS + (9 * 60 + index) * 60_000).toISOString();
  const survey = (week: number, index: number, answer: { csat: number } | { nps: number } | undefined) => {
    const invitationId = `history-${history.id}-${week}-${index}`;
    const instant = at(week, index);
    const kind = answer !== undefined && 'nps' in answer ? 'relationship' : 'post_resolution';
    const reportedAs = history.reportedAs(index);
    const invitation = {
      pk: `INVITATION#${invitationId}`,
      sk: 'INVITATION',
      invitationId,
      kind,
      customerId: `customer-${invitationId}`,
      state: answer === undefined ? 'sent' : 'answered',
      scheduledFor: instant,
      sentAt: instant,
      reportedAs,
    };
    if (answer === undefined) return [invitation];
    const comment = index === 0 ? '=SUM(A1) とても丁寧でした, "thanks"' : undefined;
    return [
      invitation,
      {
        pk: `INVITATION#${invitationId}`,
        sk: 'RESPONSE',
        responseId: `response-${invitationId}`,
        invitationId,
        status: 'confirmed',
        source: 'page',
        answer: { ...answer, ...(comment === undefined ? {} : { comment }) },
        firstAnsweredAt: instant,
        updatedAt: instant,
        confirmedAt: instant,
        surveyKind: kind,
        reportedAs,
        gsi1pk: `RESPONSES#${instant.slice(0, 7)}`,
        gsi1sk: `${instant}#${invitationId}`,
      },
    ];
  };
  const weeks = Math.max(history.csatPerWeek.length, history.npsPerWeek.length);
  return [
    ...Array.from({ length: weeks }, (_, week) => [
      ...Array.from({ length: history.csatPerWeek[week] ?? 0 }, (_, index) => survey(week, index, { csat: csatOf(week, index) })),
      // NPS and unanswered invitations take indexes of their own, so no two items share an id.
      ...Array.from({ length: history.npsPerWeek[week] ?? 0 }, (_, index) => survey(week, 1000 + index, { nps: npsOf(week, index) })),
      ...Array.from({ length: history.unansweredPerWeek }, (_, index) => survey(week, 2000 + index, undefined)),
    ]).flat(2),
    ...history.articles.flatMap(({ articleId, helpful, unhelpful }) =>
      Array.from({ length: helpful + unhelpful }, (_, index) => ({
        pk: `FEEDBACK#history-${history.id}-${articleId}-${index}`,
        sk: 'FEEDBACK',
        kind: 'article',
        articleId,
        helpful: index < helpful,
        ...(index === 0 ? { comment: 'Could be clearer' } : {}),
        acceptedAt: at(index % weeks, index),
      })),
    ),
  ];
};

/** Writes items 25 at a time (BatchWriteItem's limit), retrying what DynamoDB returns unprocessed. */
export const writeItems = async (dynamodb: DynamoDBClient, tableName: string, items: readonly Record<string, unknown>[]): Promise<void> => {
  for (let start = 0; start < items.length; start += 25) {
    let requests: WriteRequest[] = items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }));
    while (requests.length > 0) {
      const answer = await dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
      requests = answer.UnprocessedItems?.[tableName] ?? [];
    }
  }
};
