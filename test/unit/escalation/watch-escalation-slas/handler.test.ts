import { DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEscalationItems } from '../../../../functions/escalation/adapters/escalation-items.ts';
import { directoryRead, shippedRules, storedDirectoryAnswer } from '../../../helpers/shipped-escalation-settings.ts';
import { escalationRulesEnvironment } from '../../../../infra/escalation-settings.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';
import { lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
const rules = shippedRules;
let handle: typeof import('../../../../functions/escalation/watch-escalation-slas/handler.ts').handle;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    ...escalationRulesEnvironment(rules),
    WATCH_PAGE_SIZE: '25',
    WATCH_MAX_PAGES: '40',
    WATCH_TIME_BUDGET_SECONDS: '40',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'watch-escalation-slas',
  });
  ({ handle } = await import('../../../../functions/escalation/watch-escalation-slas/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  // The rosters come from the table's supervisor directory.
  dynamodb.on(GetItemCommand, directoryRead).resolves(storedDirectoryAnswer());
});

const hour = 3_600_000;
// A minute left, as at the start of a run under the construct's 60 s timeout.
const context = () => ({ ...lambdaContext(), getRemainingTimeInMillis: () => 60_000 });
/** Stored escalation due at `ackDueAt` (warned already), as the gsi3 Query returns it. */
const storedDue = (ackDueAt: Date) => {
  const escalation = anEscalation({ id: 'esc-1', ackDueAt: ackDueAt.toISOString(), warnAt: new Date(ackDueAt.getTime() - hour).toISOString(), warned: true });
  return createEscalationItems('table', escalation, 'CMP-ABCD1234')[0]!.Put!.Item!;
};

describe('watch-escalation-slas handler', () => {
  it("takes now from the event's scheduledTime, so a shifted local clock (LOCAL_CLOCK_OFFSET) shows a breach hours early", async () => {
    const scheduledTime = new Date(Date.now() + 5 * hour);
    dynamodb.on(QueryCommand).resolves({ Items: [storedDue(new Date(Date.now() + 4 * hour))] });
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    const report = await handle({ scheduledTime: scheduledTime.toISOString() }, context());
    expect(report).toMatchObject({ escalated: 1, pages: 1 });
    expect(unmarshall(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues!)[':dueBy']).toBe(`${scheduledTime.toISOString()}#~`);
    const [state] = dynamodb.commandCalls(TransactWriteItemsCommand)[0]!.args[0].input.TransactItems!;
    expect(unmarshall(state!.Put!.Item!)).toMatchObject({ level: 2, assignee: 'lead-general-chloe' });
  });

  it('uses its own clock for an event without a scheduled time (a manual invoke), or one behind it (a late retry)', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [] });
    const before = Date.now();
    await handle({}, context());
    await handle({ scheduledTime: '2020-01-01T00:00:00Z' }, context());
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(2);
    for (const call of dynamodb.commandCalls(QueryCommand)) {
      const dueBy = String(unmarshall(call.args[0].input.ExpressionAttributeValues!)[':dueBy']).replace('#~', '');
      expect(Date.parse(dueBy)).toBeGreaterThanOrEqual(before);
    }
  });

  it('starts no page when the invocation has less time left than its safety margin', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [storedDue(new Date(Date.now() - hour))] });
    const report = await handle({}, { ...lambdaContext(), getRemainingTimeInMillis: () => 5_000 });
    expect(report).toMatchObject({ pages: 0, stoppedBy: 'time_budget' });
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(0);
  });
});
