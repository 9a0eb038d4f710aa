import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { directoryRead, storedDirectoryAnswer } from '../../../helpers/shipped-escalation-settings.ts';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { notificationPutItem } from '../../../../functions/escalation/adapters/dynamodb-notification-outbox.ts';
import { serializeSigningKeyRing } from '../../../../functions/links/core/signing-key-ring.ts';
import { escalationRulesEnvironment, loadEscalationSettings } from '../../../../infra/escalation-settings.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext } from '../../../helpers/events.ts';
import { rotatedKeyRing } from '../../../helpers/key-rings.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
const ses = mockClient(SESv2Client);
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand)
  .resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
let handler: typeof import('../../../../functions/escalation/send-notifications/handler.ts').handler;

const pendingItem = (escalationId: string) =>
  notificationPutItem('table', {
    notificationId: `${escalationId}#complaint_resolved#1`,
    kind: 'complaint_resolved',
    escalationId,
    complaintId: escalationId,
    level: 1,
    createdAt: '2026-11-25T10:00:00.000Z',
  }).Put!.Item!;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'send-notifications',
    ...escalationRulesEnvironment(loadEscalationSettings().rules),
    PUBLIC_BASE_URL: 'https://support.example.com',
    NOTIFICATION_SENDER_ADDRESS: 'support@example.com',
    STATUS_TOKEN_TTL_DAYS: '180',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:key',
    SES_MAX_SEND_RATE: '14',
  });
  ({ handler } = await import('../../../../functions/escalation/send-notifications/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  // The supervisor directory is the table's (one GetItem, then cached for a minute).
  dynamodb.on(GetItemCommand, directoryRead).resolves(storedDirectoryAnswer());
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => vi.restoreAllMocks());

describe('send-notifications (the outbox sweep)', () => {
  it('reads one page of at most 50 pending notifications from the pending index and sends nothing when there are none', async () => {
    captureOutput();
    dynamodb.on(QueryCommand).resolves({ Items: [] });
    const report = await handler({}, lambdaContext('send-notifications'));
    expect(report).toEqual({ pending: 0, sent: 0, claimedElsewhere: 0, undeliverable: 0, failed: 0, left: 0 });
    expect(dynamodb.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({ TableName: 'table', IndexName: 'gsi1', Limit: 50 });
    expect(ses.calls()).toHaveLength(0);
  });

  it('skips a notification another sender holds the lease of, without sending it', async () => {
    const output = captureOutput();
    dynamodb.on(QueryCommand).resolves({ Items: [pendingItem('esc-1')] });
    dynamodb.on(UpdateItemCommand).rejects(new ConditionalCheckFailedException({ message: 'held', $metadata: {} }));
    const report = await handler({}, lambdaContext('send-notifications'));
    expect(report).toEqual({ pending: 1, sent: 0, claimedElsewhere: 1, undeliverable: 0, failed: 0, left: 0 });
    expect(ses.calls()).toHaveLength(0);
    expect(output()).toContain('Outbox swept');
  });

  it('counts a notification whose claim fails as failed, leaving it for the next sweep, and logs no more than its id', async () => {
    const output = captureOutput();
    dynamodb.on(QueryCommand).resolves({ Items: [pendingItem('esc-2')] });
    dynamodb.on(UpdateItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const report = await handler({}, lambdaContext('send-notifications'));
    expect(report).toEqual({ pending: 1, sent: 0, claimedElsewhere: 0, undeliverable: 0, failed: 1, left: 0 });
    expect(output()).toContain('esc-2#complaint_resolved#1');
  });

  it('sends page after page until the pending index is empty, not one page a run', async () => {
    captureOutput();
    const page = (from: number, count: number) => ({ Items: Array.from({ length: count }, (_, n) => pendingItem(`esc-p${from + n}`)) });
    dynamodb.on(QueryCommand).resolvesOnce(page(0, 50)).resolvesOnce(page(50, 20)).resolves({ Items: [] });
    dynamodb.on(UpdateItemCommand).resolves({});
    dynamodb.on(GetItemCommand).resolves({});
    const report = await handler({}, { ...lambdaContext('send-notifications'), getRemainingTimeInMillis: () => 50_000 });
    expect(dynamodb.commandCalls(QueryCommand)).toHaveLength(2);
    expect(report).toMatchObject({ pending: 70, left: 0 });
    // Every one handled in this run (the pace itself is deliverPaced's test, on a clock of its own).
    expect(report.sent + report.undeliverable + report.failed).toBe(70);
  }, 20_000);
});
