import { DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { directoryRead, storedDirectoryAnswer } from '../../../helpers/shipped-escalation-settings.ts';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { surveyResponseId } from '../../../../functions/surveys/core/record-survey-answer.ts';
import { serializeSigningKeyRing } from '../../../../functions/links/core/signing-key-ring.ts';
import { escalationRulesEnvironment, loadEscalationSettings } from '../../../../infra/escalation-settings.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { lambdaContext, sqsEvent, sqsRecord } from '../../../helpers/events.ts';
import { rotatedKeyRing } from '../../../helpers/key-rings.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const dynamodb = mockClient(DynamoDBClient);
mockClient(SecretsManagerClient)
  .on(GetSecretValueCommand)
  .resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
let handler: typeof import('../../../../functions/surveys/store-survey-answer/handler.ts').handler;

const INVITATION_ID = '0b5c6d7e-1f2a-4b3c-8d4e-5f6a7b8c9d0e';
const answerSubmitted = (overrides: Record<string, unknown> = {}) => ({
  type: 'survey.answer_submitted',
  version: 1,
  invitationId: INVITATION_ID,
  responseId: surveyResponseId(INVITATION_ID),
  source: 'page',
  submittedAt: new Date().toISOString(),
  answer: { csat: 4, comment: 'Ada Lovelace was quick' },
  ...overrides,
});

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SURVEY_POLICY: '{}',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'store-survey-answer',
    ...escalationRulesEnvironment(loadEscalationSettings().rules),
    PUBLIC_BASE_URL: 'https://support.example.com',
    NOTIFICATION_SENDER_ADDRESS: 'support@example.com',
    STATUS_TOKEN_TTL_DAYS: '180',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:key',
  });
  ({ handler } = await import('../../../../functions/surveys/store-survey-answer/handler.ts'));
});
beforeEach(() => {
  dynamodb.reset();
  // The supervisor directory is the table's (one GetItem, then cached for a minute).
  dynamodb.on(GetItemCommand, directoryRead).resolves(storedDirectoryAnswer());
  dynamodb.on(GetItemCommand).resolves({});
  dynamodb.on(PutItemCommand).resolves({});
  dynamodb.on(TransactWriteItemsCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

describe('store-survey-answer consumer', () => {
  it('writes nothing for an answer to an invitation the table does not hold, and logs the outcome by id, never the comment', async () => {
    const output = captureOutput();
    const result = await handler(sqsEvent(sqsRecord(answerSubmitted())), lambdaContext('store-survey-answer'));
    expect(result).toEqual({ batchItemFailures: [] });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
    const line = output()
      .split('\n')
      .find((logged) => logged.includes('Survey answer applied'));
    expect(JSON.parse(line!)).toMatchObject({ invitationId: INVITATION_ID, source: 'page', outcome: 'unknown_invitation' });
    expect(output()).not.toContain('Lovelace');
  });

  it('reports a message that is not a submitted answer as failed, for the dead-letter queue', async () => {
    captureOutput();
    const result = await handler(
      sqsEvent(sqsRecord(answerSubmitted({ answer: { csat: 9 } }), 'm-bad'), sqsRecord(answerSubmitted(), 'm-ok')),
      lambdaContext('store-survey-answer'),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-bad' }] });
  });

  it('fails the message for SQS to retry when DynamoDB cannot be read', async () => {
    captureOutput();
    dynamodb.on(GetItemCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    await expect(handler(sqsEvent(sqsRecord(answerSubmitted())), lambdaContext('store-survey-answer'))).rejects.toThrow(/All records failed/);
  });
});
