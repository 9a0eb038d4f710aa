import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { serializeSigningKeyRing } from '../../../functions/shared/core/signing-key-ring.ts';
import { verifyStatusToken } from '../../../functions/shared/core/status-token.ts';
import { httpEvent, lambdaContext } from '../../helpers/events.ts';
import { validComplaint } from '../../helpers/submissions.ts';

const current = 'c'.repeat(64);
const next = 'n'.repeat(64);
const retired = 'p'.repeat(64);
let handler: typeof import('../../../functions/submit-complaint/handler.ts').handler;

// The handler reads the key ring at import, as on a Lambda cold start: here one rotated twice.
beforeAll(async () => {
  Object.assign(process.env, {
    COMPLAINT_QUEUE_URL: 'http://queue.local/complaints',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
    COMPLAINT_CATEGORIES: 'slow-response,billing,other',
    PUBLIC_BASE_URL: 'https://support.example.com',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'submit-complaint',
  });
  const ring = { current, next: { key: next, publishedAt: '2026-11-25T00:00:00.000Z' }, previous: [{ key: retired, retiredAt: '2026-11-25T00:00:00.000Z' }] };
  mockClient(SecretsManagerClient).on(GetSecretValueCommand).resolves({ SecretString: serializeSigningKeyRing(ring) });
  mockClient(SQSClient).on(SendMessageCommand).resolves({ MessageId: 'm-1' });
  ({ handler } = await import('../../../functions/submit-complaint/handler.ts'));
});

describe('POST /complaints with a rotated key ring', () => {
  it('signs the status link with the current key only, not the next or a retired one', async () => {
    const response = await handler(httpEvent({ body: JSON.stringify(validComplaint()) }), lambdaContext());
    const { complaintId, statusUrl } = JSON.parse(response.body!);
    const token = new URL(statusUrl).searchParams.get('token')!;
    expect(verifyStatusToken(token, [current], new Date())).toBe(complaintId);
    for (const other of [next, retired]) expect(() => verifyStatusToken(token, [other], new Date())).toThrow();
  });
});
