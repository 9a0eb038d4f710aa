import { GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { runWithoutBlocking } from '../../helpers/run-without-blocking.ts';
import { connectTo, eventually } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const { request } = connectTo(pipeline);
const secretArn = pipeline.integrationKeySecretArn!;
const secrets = new SecretsManagerClient({
  endpoint: pipeline.secretsEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const secretValue = async () => (await secrets.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString!;

/** `npm run admin -- rotate-integration-key --secret <arn>` as on AWS, pointed at this pipeline's Secrets Manager by the SDK's own variable. */
const onThisPipeline = {
  AWS_ENDPOINT_URL_SECRETS_MANAGER: pipeline.secretsEndpoint,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
};
const rotate = () => runWithoutBlocking(`npm run admin -- rotate-integration-key --secret ${secretArn}`, onThisPipeline);
const retirePrevious = () => runWithoutBlocking(`npm run admin -- rotate-integration-key --retire-previous --secret ${secretArn}`, onThisPipeline);
/** A read behind the integration authorizer: 200 when the key is accepted, API Gateway's 403 when refused. */
const statusWith = async (key: string) =>
  (await request('GET', `/cases/CASE-rotation-${Date.now()}/survey-decisions`, { headers: { authorization: `Bearer ${key}` } })).status;

const original = pipeline.integrationKey!;
// Other test files share this pipeline and its key: put it back, and wait until the authorizer accepts it again.
afterAll(async () => {
  await secrets.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: original }));
  await eventually(async () => ((await statusWith(original)) === 200 ? true : undefined), 20_000, 'the original key accepted again');
  secrets.destroy();
});

describe('rotating the integration key', () => {
  it('keeps the old key working beside the new one until it is retired, with no refused call in between', async () => {
    expect(await statusWith(original)).toBe(200);
    const begun = await rotate();
    expect(begun.status, begun.stderr).toBe(0);
    const fresh = begun.stdout.split('\n').find((line) => /^[\w-]{64}$/.test(line))!;
    expect(fresh).toBeDefined();
    expect(JSON.parse(await secretValue())).toEqual({ current: fresh, previous: original });

    // The new key at once (the authorizer reads the secret again for a key it does not hold), the old one still.
    expect(await statusWith(fresh)).toBe(200);
    expect(await statusWith(original)).toBe(200);
    expect(await statusWith('x'.repeat(64))).toBe(403);

    // A second rotation before the retirement would drop the key the support system still sends.
    const again = await rotate();
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('A rotation is under way');

    const retired = await retirePrevious();
    expect(retired.status, retired.stderr).toBe(0);
    expect(JSON.parse(await secretValue())).toEqual({ current: fresh });
    expect(await statusWith(fresh)).toBe(200);
  });
});
