import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerRotationEventStep } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rotateSigningKeyStep } from '../../../../functions/links/rotate-signing-key/rotate-signing-key-step.ts';
import { parseSigningKeyRing, serializeSigningKeyRing, verificationKeysOf } from '../../../../functions/links/core/signing-key-ring.ts';
import { signStatusToken, statusTokenExpiry, verifyStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const SecretId = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:link-signing-AbCdEf';
const DAY_MS = 86_400_000;
const complaintId = '0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11';
const bareKey = 'b'.repeat(64);

/**
 * Secrets Manager's versions and staging labels, as far as a rotation function sees them:
 * PutSecretValue moves the labels it names, UpdateSecretVersionStage moves AWSCURRENT and puts
 * AWSPREVIOUS on the version it left, GetSecretValue reads by stage and version.
 */
const fakeSecretsManager = () => {
  const mock = mockClient(SecretsManagerClient);
  const versions = new Map<string, { value: string | undefined; stages: Set<string> }>([['v0', { value: bareKey, stages: new Set(['AWSCURRENT']) }]]);
  const takeLabel = (label: string) => {
    for (const version of versions.values()) version.stages.delete(label);
  };
  mock.on(DescribeSecretCommand).callsFake(() => ({
    RotationEnabled: true,
    VersionIdsToStages: Object.fromEntries([...versions].map(([id, version]) => [id, [...version.stages]])),
  }));
  mock.on(GetSecretValueCommand).callsFake(({ VersionId, VersionStage }) => {
    const found = [...versions].find(([id, version]) => (VersionId === undefined || id === VersionId) && version.stages.has(VersionStage ?? 'AWSCURRENT'));
    // A version RotateSecret labelled AWSPENDING has no value until createSecret puts one.
    if (!found || found[1].value === undefined)
      throw new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret value.", $metadata: {} });
    return { VersionId: found[0], SecretString: found[1].value };
  });
  mock.on(PutSecretValueCommand).callsFake(({ ClientRequestToken, SecretString, VersionStages }) => {
    for (const label of VersionStages) takeLabel(label);
    versions.set(ClientRequestToken, { value: SecretString, stages: new Set(VersionStages) });
    return {};
  });
  mock.on(UpdateSecretVersionStageCommand).callsFake(({ VersionStage, MoveToVersionId, RemoveFromVersionId }) => {
    if (VersionStage === 'AWSCURRENT') {
      takeLabel('AWSPREVIOUS');
      versions.get(RemoveFromVersionId)?.stages.add('AWSPREVIOUS');
    }
    takeLabel(VersionStage);
    versions.get(MoveToVersionId)!.stages.add(VersionStage);
    return {};
  });
  /** What RotateSecret does before invoking the function: a new version id labelled AWSPENDING (no value yet). */
  const startRotation = (token: string) => versions.set(token, { value: undefined, stages: new Set(['AWSPENDING']) });
  const currentRing = () => parseSigningKeyRing([...versions.values()].find((version) => version.stages.has('AWSCURRENT'))?.value);
  return { mock, versions, startRotation, currentRing };
};

let secrets: ReturnType<typeof fakeSecretsManager>;
let keysMade = 0;
const options = (now: Date) => ({
  client: new SecretsManagerClient({ region: 'eu-west-1' }),
  now,
  generateKey: () => `generated-${++keysMade}-${'g'.repeat(50)}`,
  linkLifetimeDays: 180,
});
const step = (Step: SecretsManagerRotationEventStep, token: string, now: Date) =>
  rotateSigningKeyStep({ Step, SecretId, ClientRequestToken: token }, options(now));

/** The four calls Secrets Manager makes for one rotation, in order. */
const rotate = async (token: string, now: Date) => {
  secrets.startRotation(token);
  const outcomes = [];
  for (const name of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) outcomes.push(await step(name, token, now));
  return outcomes;
};

beforeEach(() => {
  secrets?.mock.restore();
  secrets = fakeSecretsManager();
});
afterEach(() => vi.restoreAllMocks());

describe('rotate-signing-key', () => {
  it('runs the four steps: a pending ring with a published next key, tested, then made current', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    expect(await rotate('r1', now)).toEqual(['pending_created', 'nothing_to_set', 'pending_tested', 'finished']);
    expect(secrets.currentRing()).toEqual({
      current: bareKey,
      next: { key: expect.stringMatching(/^generated-/), publishedAt: now.toISOString() },
      previous: [],
    });
    expect(secrets.versions.get('v0')!.stages).toEqual(new Set(['AWSPREVIOUS']));
  });

  it('keeps a link signed before seven 45-day rotations valid until it expires, then drops its key', async () => {
    const issuedAt = new Date('2026-11-25T10:00:00Z');
    const expiresAt = statusTokenExpiry(issuedAt, 180);
    const token = signStatusToken(complaintId, expiresAt, secrets.currentRing().current);
    for (let rotation = 1; rotation <= 7; rotation += 1) {
      const now = new Date(issuedAt.getTime() + rotation * 45 * DAY_MS);
      await rotate(`r${rotation}`, now);
      if (now < expiresAt) expect(verifyStatusToken(token, verificationKeysOf(secrets.currentRing()), now)).toBe(complaintId);
    }
    // Retired at the second rotation (day 90), the bare key goes once its last links have
    // expired (180 days and a grace day later), here at the seventh (day 315).
    expect(verificationKeysOf(secrets.currentRing())).not.toContain(bareKey);
  });

  it('creates the pending version once when Secrets Manager retries createSecret', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    secrets.startRotation('r1');
    expect(await step('createSecret', 'r1', now)).toBe('pending_created');
    const pending = secrets.versions.get('r1')!.value;
    expect(await step('createSecret', 'r1', now)).toBe('pending_exists');
    expect(secrets.mock.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    expect(secrets.versions.get('r1')!.value).toBe(pending);
  });

  it('fails testSecret, leaving AWSCURRENT alone, when the pending ring would break links', async () => {
    const now = new Date('2026-11-25T10:00:00Z');
    secrets.startRotation('r1');
    await step('createSecret', 'r1', now);
    // A pending value that dropped the key every outstanding link was signed with.
    secrets.versions.get('r1')!.value = serializeSigningKeyRing({ current: 'x'.repeat(64), previous: [] });
    await expect(step('testSecret', 'r1', now)).rejects.toMatchObject({ name: 'SigningKeyRingError', code: 'unsafe_rotation' });
    expect(secrets.currentRing().current).toBe(bareKey);
  });

  it('does nothing for a version that is already AWSCURRENT', async () => {
    expect(await step('finishSecret', 'v0', new Date())).toBe('already_current');
    expect(secrets.mock.commandCalls(UpdateSecretVersionStageCommand)).toHaveLength(0);
  });

  it.each([
    ['a version the secret does not have', 'nope', undefined, 'unknown_version'],
    ['a version named like a member of every object', 'toString', undefined, 'unknown_version'],
    ['a version not labelled AWSPENDING', 'old', ['AWSPREVIOUS'], 'not_pending'],
  ])('refuses %s', async (_name, token, stages, code) => {
    if (stages) secrets.versions.set(token, { value: bareKey, stages: new Set(stages) });
    await expect(step('createSecret', token, new Date())).rejects.toMatchObject({ name: 'SigningKeyRotationError', code });
    expect(secrets.mock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('refuses to rotate a secret whose rotation is disabled', async () => {
    secrets.mock.on(DescribeSecretCommand).resolves({ RotationEnabled: false, VersionIdsToStages: { r1: ['AWSPENDING'] } });
    await expect(step('createSecret', 'r1', new Date())).rejects.toMatchObject({ code: 'rotation_disabled' });
  });

  it('refuses an unknown step', async () => {
    secrets.startRotation('r1');
    await expect(step('dropSecret' as SecretsManagerRotationEventStep, 'r1', new Date())).rejects.toMatchObject({ code: 'unknown_step' });
  });

  it('passes the RotationToken on to PutSecretValue when Secrets Manager sends one', async () => {
    secrets.startRotation('r1');
    await rotateSigningKeyStep({ Step: 'createSecret', SecretId, ClientRequestToken: 'r1', RotationToken: 'rotation-token' }, options(new Date()));
    expect(secrets.mock.commandCalls(PutSecretValueCommand)[0]!.args[0].input).toMatchObject({
      ClientRequestToken: 'r1',
      RotationToken: 'rotation-token',
      VersionStages: ['AWSPENDING'],
    });
  });

  it('runs as a Lambda handler with a fresh 64-character key, logging the step but never a key', async () => {
    stubEnvironment({ AWS_REGION: 'eu-west-1', LINK_LIFETIME_DAYS: '180', POWERTOOLS_SERVICE_NAME: 'rotate-signing-key' });
    const { handler } = await import('../../../../functions/links/rotate-signing-key/handler.ts');
    const output = captureOutput();
    secrets.startRotation('r1');
    for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await handler({ Step, SecretId, ClientRequestToken: 'r1' });
    const { next } = secrets.currentRing();
    expect(next!.key).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(output()).toContain('"outcome":"finished"');
    for (const key of [bareKey, next!.key]) expect(output()).not.toContain(key);
  });
});
