import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { directoryRead, storedDirectoryAnswer } from '../../../helpers/shipped-escalation-settings.ts';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { acceptComplaint } from '../../../../functions/intake/core/accept-complaint.ts';
import { serializeSigningKeyRing } from '../../../../functions/links/core/signing-key-ring.ts';
import { escalationRulesEnvironment, loadEscalationSettings } from '../../../../infra/escalation-settings.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../../helpers/events.ts';
import { rotatedKeyRing } from '../../../helpers/key-rings.ts';
import { validComplaint } from '../../../helpers/submissions.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
const ses = mockClient(SESv2Client);
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand)
  .resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
let handler: typeof import('../../../../functions/intake/store-complaint/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    COMPLAINT_RETENTION_DAYS: '730',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'store-complaint',
    ...escalationRulesEnvironment(loadEscalationSettings().rules),
    PUBLIC_BASE_URL: 'https://support.example.com',
    NOTIFICATION_SENDER_ADDRESS: 'support@example.com',
    STATUS_TOKEN_TTL_DAYS: '180',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:key',
  });
  ({ handler } = await import('../../../../functions/intake/store-complaint/handler.ts'));
});

// The directory as an admin changed it in the table: Ana's address is not the one in config/.
const seed = loadEscalationSettings().directory;
const tableDirectory = {
  ...seed,
  teams: {
    ...seed.teams,
    'general-support': {
      ...seed.teams['general-support']!,
      supervisors: seed.teams['general-support']!.supervisors.map((person) =>
        person.id === 'sup-general-ana' ? { ...person, email: 'ana.changed@example.com' } : person,
      ),
    },
  },
};

beforeEach(() => {
  dynamodb.reset();
  // The supervisor directory is the table's (one GetItem, then cached for a minute).
  dynamodb.on(GetItemCommand, directoryRead).resolves(storedDirectoryAnswer(tableDirectory));
  ses.reset();
  dynamodb.on(BatchGetItemCommand).resolves({ Responses: { table: [] } });
  dynamodb.on(TransactWriteItemsCommand).resolves({});
  dynamodb.on(UpdateItemCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});
afterEach(() => vi.restoreAllMocks());

const messageFor = (overrides: Record<string, unknown> = {}) =>
  acceptComplaint(validComplaint(overrides) as never, {
    now: new Date(),
    signingKey: 'k'.repeat(64),
    statusTokenTtlDays: 180,
    statusEndpoint: 'https://api.example.com/complaints/status',
  }).message;

const complaintExists = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });

describe('store-complaint consumer', () => {
  it('reads once, stores the complaint, its escalation and two outbox items in one transaction, then sends both emails', async () => {
    const message = messageFor();
    const result = await handler(sqsEvent(sqsRecord(message)), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(dynamodb.commandCalls(BatchGetItemCommand)).toHaveLength(1);
    const [transaction] = dynamodb.commandCalls(TransactWriteItemsCommand);
    const items = transaction!.args[0].input.TransactItems!.map((item) => unmarshall(item.Put?.Item ?? item.Update!.Key!));
    expect(items.map(({ pk, sk }) => `${String(pk).split('#')[0]}/${sk}`)).toEqual([
      'COMPLAINT/COMPLAINT',
      'COMPLAINANT/COMPLAINTS',
      'ESCALATION/ESCALATION',
      expect.stringMatching(/^ESCALATION\/AUDIT#/),
      'ROUND_ROBIN/ESCALATION',
      'NOTIFICATION/NOTIFICATION',
      'NOTIFICATION/NOTIFICATION',
    ]);
    expect(items[0]).toMatchObject({ status: 'under_review', escalationId: message.complaintId });
    expect(transaction!.args[0].input.TransactItems![0]!.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    // The log and the cursor are updated without a version condition: a parallel batch never fights over them.
    expect(transaction!.args[0].input.TransactItems![1]!.Update!.UpdateExpression).toContain('list_append');
    expect(transaction!.args[0].input.TransactItems![4]!.Update).toMatchObject({
      UpdateExpression: 'SET #cursor = :next',
      ExpressionAttributeNames: { '#cursor': 'cursor:general-support' },
    });
    expect(transaction!.args[0].input.TransactItems![4]!.Update!.ConditionExpression).toBeUndefined();
    // Claim and mark sent per email: 2 UpdateItems each.
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(2);
    // The assignee's email goes where the table's directory says, not where the seed file does.
    const recipients = ses.commandCalls(SendEmailCommand).flatMap((call) => call.args[0].input.Destination?.ToAddresses ?? []);
    expect(recipients).toContain('ana.changed@example.com');
    expect(recipients).not.toContain('ana.lima@example.com');
    expect(dynamodb.commandCalls(UpdateItemCommand)).toHaveLength(4);
  });

  it('treats a redelivered complaint that is already stored as done: no second email', async () => {
    dynamodb.on(TransactWriteItemsCommand).rejects(complaintExists());
    const result = await handler(sqsEvent(sqsRecord(messageFor(), 'm-1', 2)), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(dynamodb.commandCalls(UpdateItemCommand)).toHaveLength(0);
  });

  it('decides again when another transaction held the round-robin item at the same moment, and leaves it to SQS after five conflicts', async () => {
    const raced = messageFor();
    dynamodb.on(TransactWriteItemsCommand).callsFake((input) => {
      if (!JSON.stringify(input).includes(raced.complaintId)) return {};
      throw new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }],
      });
    });
    captureOutput();
    const result = await handler(sqsEvent(sqsRecord(raced, 'raced'), sqsRecord(messageFor(), 'ok')), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'raced' }] });
    // Read and decided again four times before SQS gets it back.
    const racedTransactions = dynamodb.commandCalls(TransactWriteItemsCommand).filter((call) => JSON.stringify(call.args[0].input).includes(raced.complaintId));
    expect(racedTransactions).toHaveLength(5);
  });

  it('keeps the message done when the email fails after the commit: the sweep sends it from the outbox', async () => {
    ses.on(SendEmailCommand).rejects(new Error('SES down'));
    const output = captureOutput();
    const message = messageFor();
    const result = await handler(sqsEvent(sqsRecord(message)), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(output()).toContain('Notification not sent');
    expect(output()).not.toContain(message.submission.email);
  });

  it.each([
    ['not JSON', 'this is not json customer@example.com', '"code":"invalid_json"'],
    ['an unknown message shape', { type: 'complaint.accepted', email: 'customer@example.com' }, '"invalidPaths":["version",'],
  ])('fails a poison message that is %s and logs why without its content', async (_name, body, reason) => {
    const output = captureOutput();
    const result = await handler(sqsEvent(sqsRecord(body, 'poison', 3), sqsRecord(messageFor(), 'ok')), lambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    const text = output();
    expect(text).toContain('"messageId":"poison"');
    expect(text).toContain('"receiveCount":3');
    expect(text).toContain(reason);
    expect(text).not.toContain('customer@example.com');
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('answers an empty batch with no failures', async () => {
    expect(await handler(sqsEvent(), lambdaContext())).toEqual({ batchItemFailures: [] });
  });
});
