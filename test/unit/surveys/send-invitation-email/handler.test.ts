import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { serializeSigningKeyRing } from '../../../../functions/links/core/signing-key-ring.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../../helpers/events.ts';
import { rotatedKeyRing } from '../../../helpers/key-rings.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
const ses = mockClient(SESv2Client);
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand)
  .resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
let handler: typeof import('../../../../functions/surveys/send-invitation-email/handler.ts').handler;

const mailDue = (overrides: Record<string, unknown> = {}) => ({
  type: 'survey.mail_due',
  version: 1,
  invitationId: 'inv-1',
  customerId: 'cust-1',
  purpose: 'invitation',
  queuedAt: new Date().toISOString(),
  ...overrides,
});

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:key',
    PUBLIC_BASE_URL: 'https://support.example.com',
    SENDER_ADDRESS: 'surveys@example.com',
    CONFIGURATION_SET_NAME: 'surveys',
    SURVEY_POLICY: '{}',
    SES_MAX_SEND_RATE: '14',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'send-invitation-email',
  });
  ({ handler } = await import('../../../../functions/surveys/send-invitation-email/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  ses.reset();
  dynamodb.on(BatchGetItemCommand).resolves({ Responses: { table: [] } });
  dynamodb.on(GetItemCommand).resolves({});
  dynamodb.on(TransactWriteItemsCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => vi.restoreAllMocks());

describe('send-invitation-email consumer', () => {
  it('reads the invitation and its customer consistently, drops a message whose invitation is gone, and sends nothing', async () => {
    const output = captureOutput();
    const result = await handler(sqsEvent(sqsRecord(mailDue())), lambdaContext('send-invitation-email'));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(dynamodb.commandCalls(BatchGetItemCommand)[0]!.args[0].input.RequestItems!['table']).toMatchObject({ ConsistentRead: true });
    expect(ses.calls()).toHaveLength(0);
    const line = output()
      .split('\n')
      .find((logged) => logged.includes('Survey email handled'));
    expect(JSON.parse(line!)).toMatchObject({ invitationId: 'inv-1', purpose: 'invitation', kind: 'dropped' });
  });

  it('reports a message that is not a mail-due message as failed, for the dead-letter queue, and reads nothing for it', async () => {
    captureOutput();
    const result = await handler(
      sqsEvent(sqsRecord(mailDue({ purpose: 'newsletter' }), 'm-bad'), sqsRecord(mailDue(), 'm-ok')),
      lambdaContext('send-invitation-email'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
    expect(dynamodb.commandCalls(BatchGetItemCommand)).toHaveLength(1);
  });

  it('fails the message for SQS to retry when DynamoDB cannot be read', async () => {
    captureOutput();
    dynamodb.on(BatchGetItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(handler(sqsEvent(sqsRecord(mailDue())), lambdaContext('send-invitation-email'))).rejects.toThrow(/All records failed/);
    expect(ses.calls()).toHaveLength(0);
  });
});
