import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEscalationAction } from '../../../../functions/escalation/core/apply-escalation-action.ts';
import type { EscalationListQuery, StoredEscalation, SupervisorEscalationStore } from '../../../../functions/escalation/core/escalation-store.ts';
import { httpHandler } from '../../../../functions/platform/http/http-handler.ts';
import { supervisorRoutes } from '../../../../functions/escalation/supervisor-api/supervisor-routes.ts';
import { anEscalation } from '../../../helpers/escalation-fixtures.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { asVerifiedCaller, httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { OBJECT_PROTOTYPE_NAMES } from '../../../helpers/object-prototype-names.ts';

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
  const store: SupervisorEscalationStore = {
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

// The supervisor directory's teams as the reassign rule sees them.
const teamMembers = new Map([
  ['general-support', new Set(['sup-general-ana', 'sup-general-ben', 'lead-general-chloe'])],
  ['cloud-platform', new Set(['sup-cloud-dev', 'sup-cloud-eva', 'lead-cloud-femi'])],
]);

const handlerWith = (store: SupervisorEscalationStore) =>
  httpHandler(
    supervisorRoutes({
      store,
      teams: ['general-support', 'cloud-platform'],
      teamMembers: async () => teamMembers,
      signingKey: key,
      verificationKeys: [key],
      now: () => new Date('2026-03-02T10:00:00.000Z'),
      subjects: { complaintOf, surveyAnswerOf: async () => undefined },
    }),
  );

// The payload of a verified ID token; API Gateway passes the token on and its claims flattened to strings.
const callerOf = (groups: string[], team?: string) => ({
  sub: '7d0c5d2e-4f61-4a0b-9c1e-2b8f3e6a9d10',
  'cognito:username': 'sup-general-ana',
  token_use: 'id',
  ...(groups.length > 0 ? { 'cognito:groups': groups } : {}),
  ...(team ? { 'custom:team': team } : {}),
  exp: 1795000000,
});
const routeEvent = (
  routeKey: string,
  options: { id?: string; body?: string; query?: Record<string, string>; caller?: Record<string, unknown> | undefined } = {},
) => {
  const [method, path] = routeKey.split(' ') as [string, string];
  const event = httpEvent({
    method,
    path: path.replace('{id}', options.id ?? 'esc-1'),
    body: options.body,
    ...(options.query ? { query: options.query } : {}),
  });
  const routed = { ...event, routeKey, pathParameters: { id: options.id ?? 'esc-1' } };
  const caller = 'caller' in options ? options.caller : callerOf(['supervisor'], 'general-support');
  return caller === undefined ? routed : asVerifiedCaller(routed, caller);
};
const answer = async (store: SupervisorEscalationStore, event: APIGatewayProxyEventV2) => {
  captureOutput();
  const response = await handlerWith(store)(event, lambdaContext('supervisor-api'));
  return { status: response.statusCode, body: JSON.parse(response.body ?? 'null') };
};

afterEach(() => vi.restoreAllMocks());

describe('supervisor-api routes', () => {
  it('answers 401 invalid_token when no verified claims reach it (never behind its authorizer)', async () => {
    const { status, body } = await answer(aStore().store, routeEvent('GET /escalations', { caller: undefined }));
    expect(status).toBe(401);
    expect(body.error.code).toBe('invalid_token');
  });

  // API Gateway passes `cognito:groups` on as one string, `[x admin]`, which cannot tell the group
  // "x admin" from the groups "x" and "admin": the roles come from the verified token itself.
  it.each([
    ['a group named "x admin"', ['x admin']],
    ['a group named "x,admin"', ['x,admin']],
    ['a group named "[admin]"', ['[admin]']],
    ['a group named "admin " (trailing space)', ['admin ']],
    ['the groups "x admin" and "supervisor"', ['x admin', 'supervisor']],
  ])('gives no admin role to a user in %s', async (_name, groups) => {
    const { store, listed } = aStore();
    const response = await answer(store, routeEvent('GET /escalations', { caller: { ...callerOf(groups), 'custom:team': 'general-support' } }));
    if (groups.includes('supervisor')) expect(listed).toEqual([expect.objectContaining({ teams: ['general-support'] })]);
    else expect(response.status).toBe(403);
  });

  it.each([
    ['no Authorization header', (event: APIGatewayProxyEventV2) => ({ ...event, headers: { ...event.headers, authorization: undefined } })],
    [
      'two tokens (a repeated header, joined with a comma)',
      (event: APIGatewayProxyEventV2) => ({
        ...event,
        headers: { ...event.headers, authorization: `${event.headers.authorization},${event.headers.authorization}` },
      }),
    ],
    ['a header that is not a JWT', (event: APIGatewayProxyEventV2) => ({ ...event, headers: { ...event.headers, authorization: 'Bearer not-a-jwt' } })],
    [
      'a token other than the one the authorizer verified',
      (event: APIGatewayProxyEventV2) => ({
        ...event,
        headers: asVerifiedCaller(event, { ...callerOf(['admin']), sub: 'mallory' }).headers,
      }),
    ],
    [
      'a token of another user name than the one the authorizer verified',
      (event: APIGatewayProxyEventV2) => ({
        ...event,
        headers: asVerifiedCaller(event, { ...callerOf(['admin']), 'cognito:username': 'mallory' }).headers,
      }),
    ],
  ])('answers 401 invalid_token to verified claims with %s', async (_name, change) => {
    const { status, body } = await answer(
      aStore().store,
      change(routeEvent('GET /escalations', { caller: callerOf(['supervisor'], 'general-support') })) as APIGatewayProxyEventV2,
    );
    expect(status).toBe(401);
    expect(body.error.code).toBe('invalid_token');
  });

  it('answers 403 to a user in none of the groups', async () => {
    expect((await answer(aStore().store, routeEvent('GET /escalations', { caller: callerOf(['billing'], 'general-support') }))).status).toBe(403);
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
    const admin = callerOf(['admin']);
    const first = await answer(
      store,
      routeEvent('GET /escalations', { caller: admin, query: { severity: 'high', assignee: 'sup-x', sort: 'overdue', limit: '5' } }),
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
      routeEvent('GET /escalations', { caller: admin, query: { severity: 'high', assignee: 'sup-x', sort: 'overdue', limit: '5', cursor: first.body.cursor } }),
    );
    expect(listed[1]!.after).toEqual({ 'general-support#open': 'done', 'general-support#claimed': 'start' });
  });

  it("answers 403 to a supervisor filtering another team's escalations", async () => {
    expect((await answer(aStore().store, routeEvent('GET /escalations', { query: { team: 'cloud-platform' } }))).status).toBe(403);
  });

  it('answers 400 invalid_cursor to a cursor of another listing', async () => {
    const { store } = aStore();
    const first = await answer(store, routeEvent('GET /escalations', { caller: callerOf(['admin']) }));
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

  it.each([
    ['to a supervisor of its team', 200, undefined, { to: 'sup-general-ben' }],
    ['to the lead of its team', 200, undefined, { to: 'lead-general-chloe' }],
    ["to another team's supervisor", 400, 'not_a_team_member', { to: 'sup-cloud-dev' }],
    ['to someone in no team', 400, 'unknown_assignee', { to: 'nobody-at-all' }],
    ['to markup', 400, 'validation_failed', { to: '<img src=x onerror=alert(1)>' }],
    ['to an id over 128 characters', 400, 'validation_failed', { to: 'a'.repeat(129) }],
    ['to a member of another team, moving it there', 200, undefined, { to: 'sup-cloud-dev', team: 'cloud-platform' }],
    ['to a team the directory does not have', 400, 'unknown_team', { to: 'sup-cloud-dev', team: 'billing' }],
    ['with a field it does not know', 400, 'validation_failed', { to: 'sup-general-ben', force: true }],
  ] as const)('answers a lead’s reassign %s with %i', async (_name, status, code, body: { to: string; team?: string }) => {
    const lead = callerOf(['lead'], 'general-support');
    const response = await answer(aStore().store, routeEvent('POST /escalations/{id}/reassign', { body: JSON.stringify(body), caller: lead }));
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    if (code !== undefined) expect(response.body.error).toMatchObject({ code, message: expect.any(String) });
    else expect(response.body.escalation).toMatchObject({ assignee: body.to, team: body.team ?? 'general-support' });
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
    const recording: SupervisorEscalationStore = {
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
        teamMembers: async () => teamMembers,
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
