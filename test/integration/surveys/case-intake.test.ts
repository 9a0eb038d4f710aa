import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbCaseIntakeStore } from '../../../functions/surveys/adapters/dynamodb-case-intake-store.ts';
import type { CaseResolved } from '../../../functions/surveys/contracts/case-resolved.ts';
import { surveyPolicySettingsSchema } from '../../../functions/surveys/contracts/survey-policy-settings.ts';
import { acceptCaseResolution } from '../../../functions/surveys/core/accept-case-resolution.ts';
import { connectTo, recordingDynamoDbClient } from '../helpers/pipeline-connection.ts';

const pipeline = inject('pipeline');
const { postJson, request, getItem, dynamodb } = connectTo(pipeline);
const auth = { authorization: `Bearer ${pipeline.integrationKey}` };

const resolvedCase = (overrides: Partial<CaseResolved> = {}): CaseResolved => ({
  caseId: `CASE-${randomUUID()}`,
  resolvedAt: new Date().toISOString(),
  customer: { id: `cust-${randomUUID()}`, email: 'ada@example.com', name: 'Ada', locale: 'ja', tier: 'premium', region: 'apac' },
  product: 'Router X',
  team: 'network',
  agentId: 'agent-9',
  channel: 'email',
  ...overrides,
});

const resolve = (body: unknown) => postJson('/cases/resolved', body, auth);
const decisionsOf = async (caseId: string) => (await request('GET', `/cases/${encodeURIComponent(caseId)}/survey-decisions`, { headers: auth })).json;

describe('POST /cases/resolved', () => {
  it('is refused with 401 without the integration key, and with 403 with a wrong one, through the gateway', async () => {
    const missing = await postJson('/cases/resolved', resolvedCase());
    expect(missing).toMatchObject({ status: 401, json: { message: 'Unauthorized' } });
    const wrong = await postJson('/cases/resolved', resolvedCase(), { authorization: 'Bearer not-the-key' });
    expect(wrong).toMatchObject({ status: 403, json: { message: 'Forbidden' } });
    expect((await request('GET', '/cases/CASE-1/survey-decisions')).status).toBe(401);
    expect((await postJson('/cases/reopened', { caseId: 'CASE-1' })).status).toBe(401);
  });

  it('schedules the invitation and stores it with the contact and the case context', async () => {
    const body = resolvedCase();
    const response = await resolve(body);
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ invitationId: expect.any(String), scheduledFor: new Date(Date.parse(body.resolvedAt) + 24 * 3_600_000).toISOString() });

    expect(await getItem(`INVITATION#${response.json.invitationId}`, 'INVITATION')).toMatchObject({
      kind: 'post_resolution',
      state: 'scheduled',
      caseId: body.caseId,
      gsi1pk: 'INVITATIONS_DUE',
    });
    expect(await getItem(`CUSTOMER#${body.customer.id}`, 'CONTACT')).toMatchObject({
      email: 'ada@example.com',
      locale: 'ja',
      tier: 'premium',
      lastSeenAt: body.resolvedAt,
      gsi1pk: `SEEN#${body.resolvedAt.slice(0, 7)}`,
      gsi1sk: body.customer.id,
    });
    expect(await getItem(`CASE#${body.caseId}`, 'CONTEXT')).toMatchObject({
      customerId: body.customer.id,
      tier: 'premium',
      product: 'Router X',
      team: 'network',
      agentId: 'agent-9',
      region: 'apac',
      resolvedAt: body.resolvedAt,
    });
  });

  it('answers a retry of the same resolution as the first, with one invitation', async () => {
    const body = resolvedCase();
    const first = await resolve(body);
    const again = await resolve(body);
    expect(again.status).toBe(first.status);
    expect(again.json).toEqual(first.json);
    expect((await decisionsOf(body.caseId)).decisions.map((d: { event: string }) => d.event)).toEqual(['scheduled']);
  });

  it('skips an opted-out customer and says why, in the answer and in the decision log', async () => {
    const body = resolvedCase();
    await dynamodb.send(
      new PutItemCommand({ TableName: pipeline.tableName, Item: marshall({ pk: `CUSTOMER#${body.customer.id}`, sk: 'HISTORY', optedOut: true }) }),
    );
    const response = await resolve(body);
    expect(response).toMatchObject({ status: 200, json: { skipped: 'opted_out' } });
    expect(await decisionsOf(body.caseId)).toEqual({
      caseId: body.caseId,
      decisions: [expect.objectContaining({ event: 'skipped', reason: 'opted_out', customerId: body.customer.id })],
    });
    // The contact and context are refreshed all the same: complaints about the case still find it.
    expect(await getItem(`CASE#${body.caseId}`, 'CONTEXT')).toBeDefined();
  });

  it('logs one skip however often the same skipped resolution is sent', async () => {
    const body = resolvedCase();
    await dynamodb.send(
      new PutItemCommand({ TableName: pipeline.tableName, Item: marshall({ pk: `CUSTOMER#${body.customer.id}`, sk: 'HISTORY', optedOut: true }) }),
    );
    for (let attempt = 0; attempt < 3; attempt++) expect(await resolve(body)).toMatchObject({ status: 200, json: { skipped: 'opted_out' } });
    expect((await decisionsOf(body.caseId)).decisions).toEqual([
      expect.objectContaining({ event: 'skipped', reason: 'opted_out', resolvedAt: new Date(body.resolvedAt).toISOString() }),
    ]);
  });

  it('keeps the newer contact when an older resolution arrives late', async () => {
    const customer = { id: `cust-${randomUUID()}`, email: 'new@example.com', tier: 'standard' as const };
    await resolve(resolvedCase({ customer }));
    await resolve(resolvedCase({ customer: { ...customer, email: 'old@example.com' }, resolvedAt: new Date(Date.now() - 86_400_000).toISOString() }));
    expect(await getItem(`CUSTOMER#${customer.id}`, 'CONTACT')).toMatchObject({ email: 'new@example.com' });
  });

  it.each([
    ['an unknown field', { ...resolvedCase(), chanel: 'email' }],
    ['no customer', { caseId: 'CASE-1', resolvedAt: new Date().toISOString() }],
    ['a resolvedAt that is no instant', resolvedCase({ resolvedAt: 'yesterday' })],
  ])('refuses %s with 400 and the JSON error body, storing nothing', async (_, body) => {
    const response = await resolve(body);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_failed');
    expect(await getItem(`CASE#${(body as { caseId: string }).caseId}`, 'CONTEXT')).toBeUndefined();
  });

  it('costs 5 DynamoDB requests per resolution, 2 round trips deep', async () => {
    const { client, commands } = recordingDynamoDbClient(pipeline.dynamodbEndpoint);
    const store = new DynamoDbCaseIntakeStore(client, pipeline.tableName);
    const settings = surveyPolicySettingsSchema.parse({});
    await acceptCaseResolution(resolvedCase(), { store, settings, now: new Date() });
    expect(commands().sort()).toEqual(['GetItemCommand', 'PutItemCommand', 'PutItemCommand', 'QueryCommand', 'TransactWriteItemsCommand']);
  });
});

describe('POST /cases/reopened', () => {
  it('cancels the unsent invitation, and the next resolution schedules afresh', async () => {
    const body = resolvedCase();
    const first = await resolve(body);

    const reopened = await postJson('/cases/reopened', { caseId: body.caseId }, auth);
    expect(reopened).toMatchObject({ status: 200, json: { caseId: body.caseId, invitation: 'cancelled' } });
    expect(await getItem(`INVITATION#${first.json.invitationId}`, 'INVITATION')).toMatchObject({ state: 'cancelled' });

    const again = await resolve({ ...body, resolvedAt: new Date().toISOString() });
    expect(again.status).toBe(202);
    expect(again.json.invitationId).not.toBe(first.json.invitationId);
    expect((await decisionsOf(body.caseId)).decisions.map((d: { event: string }) => d.event)).toEqual(['scheduled', 'cancelled', 'scheduled']);
  });

  it('answers none for a case without an invitation, and kept once it was cancelled', async () => {
    const caseId = `CASE-${randomUUID()}`;
    expect((await postJson('/cases/reopened', { caseId }, auth)).json).toEqual({ caseId, invitation: 'none' });
    const body = resolvedCase({ caseId });
    await resolve(body);
    await postJson('/cases/reopened', { caseId }, auth);
    expect((await postJson('/cases/reopened', { caseId }, auth)).json).toEqual({ caseId, invitation: 'kept' });
  });

  it('refuses a body without caseId with 400', async () => {
    const response = await postJson('/cases/reopened', { case: 'x' }, auth);
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe('validation_failed');
  });
});
