import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEscalationAction } from '../../../functions/shared/core/escalation/apply-escalation-action.ts';
import type { EscalationListQuery, EscalationStore, StoredEscalation } from '../../../functions/shared/core/escalation/escalation-store.ts';
import { httpHandler } from '../../../functions/shared/http/http-handler.ts';
import { supervisorRoutes } from '../../../functions/supervisor-api/supervisor-routes.ts';
import { anEscalation } from '../../helpers/escalation-fixtures.ts';
import { captureOutput } from '../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../helpers/events.ts';
import { OBJECT_PROTOTYPE_NAMES } from '../../helpers/object-prototype-names.ts';

const key = 'k'.repeat(64);
const stored = (overrides: Partial<StoredEscalation> = {}): StoredEscalation => ({
  ...anEscalation({ id: 'esc-1' }),
  reference: 'CMP-ABCD1234',
  version: 1,
  ...overrides,
});

/** An in-memory store: the handler's mapping is under test here, the DynamoDB store in its own tests. */
const aStore = (escalations: StoredEscalation[] = [stored()]) => {
  const listed: EscalationListQuery[] = [];
  const store: EscalationStore = {
    create: async () => 'created',
    findUnacknowledgedDue: async () => ({ escalations: [] }),
    get: async (id) => escalations.find((escalation) => escalation.id === id),
    list: async (query) => {
      listed.push(query);
      return {
        escalations: escalations.filter((escalation) => query.teams.includes(escalation.team)),
        next: { [`${query.teams[0]}#open`]: 'done', [`${query.teams[0]}#claimed`]: 'start' },
      };
    },
    applyAction: async (id, action, actor, now) => {
      const current = escalations.find((escalation) => escalation.id === id);
      if (!current) throw new Error('unknown');
      const { escalation, entry } = applyEscalationAction(current, action, actor, now);
      const { audit: _audit, ...state } = escalation;
      return { escalation: { ...state, reference: current.reference, version: current.version + 1 }, entry };
    },
  };
  return { store, listed };
};

// The complaint behind esc-1, as the handler reads it from the table; other escalations have none.
const complaintOf = async (id: string) =>
  id === 'esc-1'
    ? { category: 'slow-response', description: 'No answer for three days.', caseId: 'CASE-1', acceptedAt: '2026-03-01T09:00:00.000Z' }
    : undefined;

const handlerWith = (store: EscalationStore) =>
  httpHandler(
    supervisorRoutes({
      store,
      teams: ['general-support', 'cloud-platform'],
      signingKey: key,
      verificationKeys: [key],
      now: () => new Date('2026-03-02T10:00:00.000Z'),
      complaintOf,
    }),
  );

// Claims as API Gateway's JWT authorizer passes them: every value a string.
const claimsOf = (groups: string, team?: string) => ({
  sub: 'sup-general-ana',
  token_use: 'id',
  'cognito:groups': groups,
  ...(team ? { 'custom:team': team } : {}),
  exp: '1795000000',
});
const asCaller = (event: APIGatewayProxyEventV2, claims: Record<string, string> | undefined): APIGatewayProxyEventV2 => {
  const withClaims = { ...event, requestContext: { ...event.requestContext, ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}) } };
  return withClaims as APIGatewayProxyEventV2;
};
const routeEvent = (
  routeKey: string,
  options: { id?: string; body?: string; query?: Record<string, string>; claims?: Record<string, string> | undefined } = {},
) => {
  const [method, path] = routeKey.split(' ') as [string, string];
  const event = httpEvent({
    method,
    path: path.replace('{id}', options.id ?? 'esc-1'),
    body: options.body,
    ...(options.query ? { query: options.query } : {}),
  });
  return asCaller(
    { ...event, routeKey, pathParameters: { id: options.id ?? 'esc-1' } },
    'claims' in options ? options.claims : claimsOf('[supervisor]', 'general-support'),
  );
};
const answer = async (store: EscalationStore, event: APIGatewayProxyEventV2) => {
  captureOutput();
  const response = await handlerWith(store)(event, lambdaContext('supervisor-api'));
  return { status: response.statusCode, body: JSON.parse(response.body ?? 'null') };
};

afterEach(() => vi.restoreAllMocks());

describe('supervisor-api routes', () => {
  it('answers 401 invalid_token when no verified claims reach it (never behind its authorizer)', async () => {
    const { status, body } = await answer(aStore().store, routeEvent('GET /escalations', { claims: undefined }));
    expect(status).toBe(401);
    expect(body.error.code).toBe('invalid_token');
  });

  it('answers 403 to a user in none of the groups', async () => {
    expect((await answer(aStore().store, routeEvent('GET /escalations', { claims: claimsOf('[billing]', 'general-support') }))).status).toBe(403);
  });

  it("lists a supervisor's own team only, the unresolved ones, newest first, 25 a page", async () => {
    const { store, listed } = aStore();
    const { status, body } = await answer(store, routeEvent('GET /escalations'));
    expect(status).toBe(200);
    expect(listed).toEqual([{ teams: ['general-support'], statuses: ['open', 'claimed', 'acknowledged'], sort: 'newest', limit: 25 }]);
    expect(body.escalations).toEqual([
      {
        id: 'esc-1',
        reference: 'CMP-ABCD1234',
        source: 'complaint',
        severity: 'high',
        team: 'general-support',
        assignee: 'sup-general-ana',
        level: 1,
        status: 'open',
        ackDueAt: expect.any(String),
        resolveDueAt: expect.any(String),
      },
    ]);
    expect(body.cursor).toEqual(expect.any(String));
  });

  it.each([
    ['survey', { source: 'survey' as const }, 'survey'],
    ['complaint', { source: 'complaint' as const }, 'complaint'],
    // Stored before surveys could open escalations: every one of those is a complaint's.
    ['no', {}, 'complaint'],
  ])('lists an escalation with %s source as source %j, so a queue can tell the kinds apart', async (_stored, source, listed) => {
    const { source: _fixtureSource, ...withoutSource } = stored();
    const { body } = await answer(aStore([{ ...withoutSource, ...source }]).store, routeEvent('GET /escalations'));
    expect(body.escalations).toEqual([expect.objectContaining({ id: 'esc-1', source: listed })]);
  });

  it("lists every team of the rules for an admin, and passes the filters and the cursor's position on", async () => {
    const { store, listed } = aStore();
    const admin = claimsOf('[admin]');
    const first = await answer(
      store,
      routeEvent('GET /escalations', { claims: admin, query: { severity: 'high', assignee: 'sup-x', sort: 'overdue', limit: '5' } }),
    );
    expect(listed[0]).toEqual({
      teams: ['general-support', 'cloud-platform'],
      statuses: ['open', 'claimed', 'acknowledged'],
      severity: 'high',
      assignee: 'sup-x',
      sort: 'overdue',
      limit: 5,
    });
    await answer(
      store,
      routeEvent('GET /escalations', { claims: admin, query: { severity: 'high', assignee: 'sup-x', sort: 'overdue', limit: '5', cursor: first.body.cursor } }),
    );
    expect(listed[1]!.after).toEqual({ 'general-support#open': 'done', 'general-support#claimed': 'start' });
  });

  it("answers 403 to a supervisor filtering another team's escalations", async () => {
    expect((await answer(aStore().store, routeEvent('GET /escalations', { query: { team: 'cloud-platform' } }))).status).toBe(403);
  });

  it('answers 400 invalid_cursor to a cursor of another listing', async () => {
    const { store } = aStore();
    const first = await answer(store, routeEvent('GET /escalations', { claims: claimsOf('[admin]') }));
    const reused = await answer(store, routeEvent('GET /escalations', { query: { cursor: first.body.cursor } }));
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('invalid_cursor');
  });

  it('shows one escalation with its complaint and history, and 404 for an unknown id, 403 for another team', async () => {
    const { store } = aStore([stored(), stored({ id: 'esc-2', team: 'cloud-platform' })]);
    const found = await answer(store, routeEvent('GET /escalations/{id}'));
    expect(found.status).toBe(200);
    expect(found.body.complaint).toEqual({
      category: 'slow-response',
      description: 'No answer for three days.',
      caseId: 'CASE-1',
      acceptedAt: '2026-03-01T09:00:00.000Z',
    });
    expect(found.body.history).toEqual([expect.objectContaining({ action: 'open', actor: 'escalation-rules' })]);
    expect(found.body.escalation).toMatchObject({ id: 'esc-1', reference: 'CMP-ABCD1234', tier: 'premium' });
    expect(found.body.escalation).not.toHaveProperty('version');
    expect((await answer(store, routeEvent('GET /escalations/{id}', { id: 'nope' }))).body.error.code).toBe('escalation_not_found');
    expect((await answer(store, routeEvent('GET /escalations/{id}', { id: 'esc-2' }))).status).toBe(403);
  });

  it.each([
    ['a claim with no body', 'POST /escalations/{id}/claim', undefined, 200],
    ['a claim with {}', 'POST /escalations/{id}/claim', '{}', 200],
    ['a claim with a field', 'POST /escalations/{id}/claim', '{"force":true}', 400],
    ['a note', 'POST /escalations/{id}/notes', '{"text":"Called back."}', 200],
    ['a blank note', 'POST /escalations/{id}/notes', '{"text":"   "}', 400],
    ['a note without text', 'POST /escalations/{id}/notes', '{}', 400],
    ['a reassign by a supervisor', 'POST /escalations/{id}/reassign', '{"to":"sup-general-ben"}', 403],
    ['a reassign without a target', 'POST /escalations/{id}/reassign', '{}', 400],
    ['a resolve by a supervisor who does not hold it', 'POST /escalations/{id}/resolve', '{"resolution":"Done."}', 409],
    ['a resolve without text', 'POST /escalations/{id}/resolve', '{"resolution":""}', 400],
    ['a body that is not JSON', 'POST /escalations/{id}/notes', '{"text":', 400],
  ])('answers %s with %i', async (_name, routeKey, body, status) => {
    const response = await answer(aStore().store, routeEvent(routeKey, body === undefined ? {} : { body }));
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (status === 200)
      expect(response.body).toMatchObject({ escalation: { id: 'esc-1' }, entry: { actor: 'sup-general-ana', at: '2026-03-02T10:00:00.000Z' } });
    else expect(response.body.error.code).toEqual(expect.any(String));
  });

  it.each(OBJECT_PROTOTYPE_NAMES)('answers 404 route_not_found for a route key %s it does not serve', async (routeKey) => {
    const response = await answer(aStore().store, { ...routeEvent('GET /escalations'), routeKey });
    expect(response).toEqual({ status: 404, body: { error: expect.objectContaining({ code: 'route_not_found' }) } });
  });

  it('answers 409 already_claimed naming the holder', async () => {
    const { store } = aStore([stored({ status: 'claimed', claimedBy: 'sup-general-ben', assignee: 'sup-general-ben' })]);
    const response = await answer(store, routeEvent('POST /escalations/{id}/claim'));
    expect(response).toEqual({
      status: 409,
      body: { error: { code: 'already_claimed', message: expect.any(String), details: [], holder: 'sup-general-ben' } },
    });
  });

  it('carries the resolution writes into the resolve, and sends the email once it committed; other actions carry none', async () => {
    const calls: string[] = [];
    const { store } = aStore([stored({ status: 'claimed', claimedBy: 'sup-general-ana', assignee: 'sup-general-ana' })]);
    const applyAction = store.applyAction;
    const recording: EscalationStore = {
      ...store,
      applyAction: async (id, action, actor, now, alsoWrite) => {
        calls.push(`${action.type}:${JSON.stringify(alsoWrite ? await alsoWrite({ ...stored(), status: 'resolved', resolution: 'Refunded.' }) : [])}`);
        return applyAction(id, action, actor, now);
      },
    };
    const handler = httpHandler(
      supervisorRoutes({
        store: recording,
        teams: ['general-support'],
        signingKey: key,
        verificationKeys: [key],
        now: () => new Date('2026-03-02T10:00:00.000Z'),
        resolution: {
          writesFor: async (escalation) => [`outbox ${escalation.id}`, `complaint resolved: ${escalation.resolution}`],
          deliver: async (escalation) => calls.push(`deliver ${escalation.id}`),
        },
      }),
    );
    captureOutput();
    const note = await handler(routeEvent('POST /escalations/{id}/notes', { body: '{"text":"Called."}' }), lambdaContext('supervisor-api'));
    const resolve = await handler(routeEvent('POST /escalations/{id}/resolve', { body: '{"resolution":"Refunded."}' }), lambdaContext('supervisor-api'));
    expect([note.statusCode, resolve.statusCode]).toEqual([200, 200]);
    expect(calls).toEqual(['note:[]', 'resolve:["outbox esc-1","complaint resolved: Refunded."]', 'deliver esc-1']);
  });

  it('answers 404 to a route key it does not serve', async () => {
    expect((await answer(aStore().store, routeEvent('DELETE /escalations/{id}'))).status).toBe(404);
  });

  it('logs no note, resolution or email', async () => {
    const output = captureOutput();
    await handlerWith(aStore().store)(routeEvent('POST /escalations/{id}/notes', { body: '{"text":"Customer ada@example.com is upset"}' }), lambdaContext());
    expect(output()).not.toContain('ada@example.com');
  });
});
