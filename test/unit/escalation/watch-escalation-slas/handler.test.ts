import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEscalationItems } from '../../../../functions/escalation/adapters/escalation-items.ts';
import { directoryRead, shippedRules, storedDirectoryAnswer } from '../../../helpers/shipped-escalation-settings.ts';
import { escalationRulesEnvironment } from '../../../../infra/escalation-settings.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';
import { lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';
import { serializeSigningKeyRing } from '../../../../functions/links/core/signing-key-ring.ts';
import { rotatedKeyRing } from '../../../helpers/key-rings.ts';

const dynamodb = mockClient(DynamoDBClient);
const ses = mockClient(SESv2Client);
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand)
  .resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
const rules = shippedRules;
let handle: typeof import('../../../../functions/escalation/watch-escalation-slas/handler.ts').handle;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    ...escalationRulesEnvironment(rules),
    WATCH_PAGE_SIZE: '25',
    WATCH_MAX_PAGES: '40',
    WATCH_TIME_BUDGET_SECONDS: '40',
    SES_MAX_SEND_RATE: '14',
    PUBLIC_BASE_URL: 'https://support.example.com',
    NOTIFICATION_SENDER_ADDRESS: 'support@example.com',
    STATUS_TOKEN_TTL_DAYS: '180',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:key',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'watch-escalation-slas',
  });
  ({ handle } = await import('../../../../functions/escalation/watch-escalation-slas/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
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

  it('sends the step’s email in the same run, not after the next sweep: it claims the outbox item it wrote', async () => {
    dynamodb.on(QueryCommand).resolves({ Items: [storedDue(new Date(Date.now() - hour))] });
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    // Another sender holds it: this run leaves it (the email itself is the integration test's, through SES's emulator).
    dynamodb.on(UpdateItemCommand).rejects(new ConditionalCheckFailedException({ message: 'held', $metadata: {} }));
    const report = await handle({}, context());
    expect(report).toMatchObject({ escalated: 1, emails: { sent: 0, claimedElsewhere: 1, left: 0 } });
    const [claim] = dynamodb.commandCalls(UpdateItemCommand);
    expect(unmarshall(claim!.args[0].input.Key!)).toEqual({ pk: 'NOTIFICATION#esc-1#escalated#2', sk: 'NOTIFICATION' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(report).not.toHaveProperty('notifications');
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
