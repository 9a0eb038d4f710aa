import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { signUnsubscribeToken } from '../../../../functions/surveys/core/unsubscribe-token.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { invitation } from '../core/survey-fixtures.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

// The form handling of POST /u/{token}; the whole unsubscribe runs in test/integration/survey-pages.test.ts.
const SIGNING_KEY = 'k'.repeat(64);
const dynamodb = mockClient(DynamoDBClient);
const secrets = mockClient(SecretsManagerClient);
let handler: typeof import('../../../../functions/surveys/unsubscribe/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'unsubscribe',
  });
  secrets.on(GetSecretValueCommand).resolves({ SecretString: SIGNING_KEY });
  ({ handler } = await import('../../../../functions/surveys/unsubscribe/handler.ts'));
});
const live = invitation({ expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
const token = signUnsubscribeToken(live.invitationId, new Date(live.expiresAt), SIGNING_KEY);
beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(GetItemCommand).resolves({});
  dynamodb.on(GetItemCommand, { Key: marshall({ pk: `INVITATION#${live.invitationId}`, sk: 'INVITATION' }) }).resolves({ Item: marshall({ ...live }) });
  dynamodb.on(TransactWriteItemsCommand).resolves({});
});
afterEach(() => vi.restoreAllMocks());

const post = (body: string) =>
  handler(
    {
      ...httpEvent({ method: 'POST', path: `/u/${token}`, body, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' } }),
      pathParameters: { token },
    },
    lambdaContext(),
  );

describe('POST /u/{token}', () => {
  it("opts the customer out on the one-click form's one field", async () => {
    captureOutput();
    expect((await post('List-Unsubscribe=One-Click')).statusCode).toBe(200);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('refuses a form that sends its field twice with the 400 error page, as a JSON member named twice is refused, and records nothing', async () => {
    captureOutput();
    const response = await post('List-Unsubscribe=One-Click&List-Unsubscribe=Other');
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  });
});
