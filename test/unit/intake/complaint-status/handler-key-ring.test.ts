import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeSigningKeyRing } from '../../../../functions/links/core/signing-key-ring.ts';
import { signStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { ringKeys, rotatedKeyRing } from '../../../helpers/key-rings.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const COMPLAINT_ID = '0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11';
const { current, next, retired } = ringKeys;
let handler: typeof import('../../../../functions/intake/complaint-status/handler.ts').handler;

// The handler reads the key ring at import, as on a Lambda cold start: here one rotated twice.
beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'complaint-status',
  });
  mockClient(SecretsManagerClient)
    .on(GetSecretValueCommand)
    .resolves({ SecretString: serializeSigningKeyRing(rotatedKeyRing()) });
  mockClient(DynamoDBClient).on(GetItemCommand).resolves({});
  ({ handler } = await import('../../../../functions/intake/complaint-status/handler.ts'));
});

const statusOf = async (signingKey: string) => {
  const token = signStatusToken(COMPLAINT_ID, new Date(Date.now() + 86_400_000), signingKey);
  const response = await handler(httpEvent({ method: 'GET', path: '/complaints/status', body: undefined, query: { token } }), lambdaContext());
  return { statusCode: response.statusCode, body: JSON.parse(response.body!) };
};

describe('GET /complaints/status with a rotated key ring', () => {
  it.each([
    ['the current key', current],
    ['the next key, as a function loaded after the next rotation signs', next],
    ['the retired key, as links issued before the last rotation were', retired],
  ])('answers 200 for a link signed with %s', async (_name, signingKey) => {
    expect(await statusOf(signingKey)).toEqual({ statusCode: 200, body: expect.objectContaining({ status: 'queued' }) });
  });

  it('answers 401 for a link signed with a key not in the ring', async () => {
    expect(await statusOf('x'.repeat(64))).toEqual({ statusCode: 401, body: { error: expect.objectContaining({ code: 'invalid_token' }) } });
  });
});
