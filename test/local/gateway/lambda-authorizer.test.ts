import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildHttpApiEvent } from '../../../local/gateway/build-http-api-event.ts';
import type { HttpApiAuthorizer } from '../../../local/gateway/http-api-authorizers.ts';
import { lambdaAuthorizer } from '../../../local/gateway/lambda-authorizer.ts';

const authorizer: HttpApiAuthorizer = {
  logicalId: 'IntegrationAuthorizer',
  name: 'integration-key',
  functionName: 'authorize',
  identitySource: ['$request.header.Authorization'],
  resultTtlSeconds: 300,
};

const eventWith = (headers: Record<string, string[]>, url = '/cases/resolved') =>
  buildHttpApiEvent(
    { method: 'POST', url, headers, body: Buffer.from('{"caseId":"c-1"}'), sourceIp: '127.0.0.1', requestId: 'r-1', now: new Date(0) },
    { routeKey: 'POST /cases/resolved', stage: '$default' },
  );

/** A fake authorizer function that admits `Bearer good` and records each event it gets. */
function anAuthorizer(answer: (event: Record<string, any>) => unknown = (event) => ({ isAuthorized: event.identitySource[0] === 'Bearer good' })) {
  const events: Record<string, any>[] = [];
  let now = 0;
  const authorize = lambdaAuthorizer(
    async (_name, event) => {
      events.push(event as Record<string, any>);
      return answer(event as Record<string, any>);
    },
    () => now,
  );
  return { events, authorize, advance: (ms: number) => (now += ms) };
}

const statusOf = (decision: Awaited<ReturnType<ReturnType<typeof lambdaAuthorizer>>>) =>
  decision.allowed ? 200 : { status: decision.response.statusCode, body: JSON.parse(decision.response.body.toString()) };

describe('lambdaAuthorizer', () => {
  it.each([
    ['no Authorization header', {}],
    ['an empty Authorization header', { authorization: [''] }],
  ])('answers 401 Unauthorized for %s without invoking the authorizer', async (_name, headers) => {
    const { events, authorize } = anAuthorizer();
    expect(statusOf(await authorize(authorizer, eventWith(headers)))).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(events).toEqual([]);
  });

  it('answers 403 Forbidden when the authorizer says isAuthorized: false', async () => {
    const { authorize } = anAuthorizer();
    expect(statusOf(await authorize(authorizer, eventWith({ authorization: ['Bearer bad'] })))).toEqual({ status: 403, body: { message: 'Forbidden' } });
  });

  it('lets the request through with the simple response context', async () => {
    const { authorize } = anAuthorizer(() => ({ isAuthorized: true, context: { caller: 'support-system' } }));
    expect(await authorize(authorizer, eventWith({ authorization: ['Bearer good'] }))).toEqual({ allowed: true, context: { caller: 'support-system' } });
  });

  it.each([
    ['throws', () => Promise.reject(new Error('boom'))],
    ['answers without isAuthorized', () => ({ allowed: true })],
    ['answers a string isAuthorized', () => ({ isAuthorized: 'true' })],
    ['answers an IAM policy', () => ({ principalId: 'x', policyDocument: {} })],
    ['answers a list as context', () => ({ isAuthorized: true, context: ['a'] })],
  ])('answers 500 Internal Server Error when the authorizer %s', async (_name, answer) => {
    const { authorize } = anAuthorizer(answer);
    expect(statusOf(await authorize(authorizer, eventWith({ authorization: ['Bearer good'] })))).toEqual({
      status: 500,
      body: { message: 'Internal Server Error' },
    });
  });

  it('sends the payload 2.0 authorizer event: type, routeArn, identitySource, the request without its body', async () => {
    const { events, authorize } = anAuthorizer();
    await authorize(authorizer, eventWith({ authorization: ['Bearer good'], 'x-trace': ['t'] }, '/cases/resolved?via=crm'));
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: expect.stringMatching(/^arn:aws:execute-api:[\w-]+:\d{12}:[^/]+\/\$default\/POST\/cases\/resolved$/),
      identitySource: ['Bearer good'],
      routeKey: 'POST /cases/resolved',
      rawPath: '/cases/resolved',
      rawQueryString: 'via=crm',
      headers: expect.objectContaining({ authorization: 'Bearer good', 'x-trace': 't' }),
      queryStringParameters: { via: 'crm' },
      requestContext: expect.objectContaining({ routeKey: 'POST /cases/resolved', http: expect.objectContaining({ method: 'POST' }) }),
    });
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('isBase64Encoded');
  });

  it('caches an answer per identity source for the TTL, then asks again', async () => {
    const { events, authorize, advance } = anAuthorizer();
    const good = eventWith({ authorization: ['Bearer good'] });
    await authorize(authorizer, good);
    advance(299_999);
    await authorize(authorizer, good);
    expect(events).toHaveLength(1);
    await authorize(authorizer, eventWith({ authorization: ['Bearer bad'] }));
    expect(events).toHaveLength(2);
    advance(1);
    await authorize(authorizer, good);
    expect(events).toHaveLength(3);
  });

  it('caches refusals too, as API Gateway caches the authorizer answer whatever it is', async () => {
    const { events, authorize } = anAuthorizer();
    const bad = eventWith({ authorization: ['Bearer bad'] });
    await authorize(authorizer, bad);
    expect(statusOf(await authorize(authorizer, bad))).toMatchObject({ status: 403 });
    expect(events).toHaveLength(1);
  });

  describe('with API Gateway’s 10 s limit on the authorizer’s answer (its cold start included)', () => {
    afterEach(() => void vi.useRealTimers());

    it.each([
      [9_999, 200],
      [10_001, 500],
    ])('answering after %i ms is %i', async (answerAfterMs, status) => {
      vi.useFakeTimers();
      const { authorize } = anAuthorizer(() => new Promise((resolve) => setTimeout(() => resolve({ isAuthorized: true }), answerAfterMs)));

      const decision = authorize(authorizer, eventWith({ authorization: ['Bearer good'] }));
      await vi.advanceTimersByTimeAsync(answerAfterMs);

      expect(statusOf(await decision)).toEqual(status === 200 ? 200 : { status, body: { message: 'Internal Server Error' } });
    });
  });

  it('does not cache an authorizer error', async () => {
    let calls = 0;
    const { authorize } = anAuthorizer(() => (++calls === 1 ? Promise.reject(new Error('cold')) : { isAuthorized: true }));
    const good = eventWith({ authorization: ['Bearer good'] });
    expect(statusOf(await authorize(authorizer, good))).toMatchObject({ status: 500 });
    expect(statusOf(await authorize(authorizer, good))).toBe(200);
  });

  it('invokes the authorizer on every request when the TTL is 0', async () => {
    const { events, authorize } = anAuthorizer();
    const good = eventWith({ authorization: ['Bearer good'] });
    await authorize({ ...authorizer, resultTtlSeconds: 0 }, good);
    await authorize({ ...authorizer, resultTtlSeconds: 0 }, good);
    expect(events).toHaveLength(2);
  });

  it('reads a query string identity source', async () => {
    const { events, authorize } = anAuthorizer(() => ({ isAuthorized: true }));
    const byQuery = { ...authorizer, identitySource: ['$request.querystring.key'] };
    expect(statusOf(await authorize(byQuery, eventWith({})))).toMatchObject({ status: 401 });
    expect(statusOf(await authorize(byQuery, eventWith({}, '/cases/resolved?key=k1')))).toBe(200);
    expect(events.map((event) => event.identitySource)).toEqual([['k1']]);
  });
});
