import { afterEach, describe, expect, it } from 'vitest';
import type { HttpApiRoute } from '../../../local/gateway/http-api-routes.ts';
import { serveHttpApi, type LocalHttpApi } from '../../../local/gateway/serve-http-api.ts';

const authorizer = {
  logicalId: 'Authorizer',
  name: 'integration-key',
  functionName: 'authorize',
  identitySource: ['$request.header.Authorization'],
  resultTtlSeconds: 300,
};
const routes: HttpApiRoute[] = [
  { routeKey: 'POST /cases/resolved', functionName: 'resolved', stage: '$default', authorizer },
  { routeKey: 'POST /feedback', functionName: 'feedback', stage: '$default' },
];

let api: LocalHttpApi | undefined;
afterEach(async () => {
  await api?.stop();
  api = undefined;
});

/** A gateway whose authorizer admits `Bearer good` with a context, and whose routes echo the authorizer part of their event. */
const aGateway = async () => {
  const invoked: string[] = [];
  api = await serveHttpApi({
    port: 0,
    routes,
    invoke: async (functionName, event) => {
      invoked.push(functionName);
      const { identitySource, requestContext } = event as { identitySource?: string[]; requestContext: { authorizer?: unknown } };
      if (functionName === 'authorize') return { isAuthorized: identitySource?.[0] === 'Bearer good', context: { caller: 'crm' } };
      return { statusCode: 200, body: JSON.stringify({ authorizer: requestContext.authorizer ?? null }) };
    },
  });
  const send = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${api!.url}${path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...headers } });
    return { status: response.status, body: await response.json() };
  };
  return { invoked, send };
};

describe('serveHttpApi with a Lambda authorizer', () => {
  it('answers 401 {"message":"Unauthorized"} without the Authorization header and runs neither function', async () => {
    const { invoked, send } = await aGateway();
    expect(await send('/cases/resolved')).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    expect(invoked).toEqual([]);
  });

  it('answers 403 {"message":"Forbidden"} when the authorizer refuses, without running the route', async () => {
    const { invoked, send } = await aGateway();
    expect(await send('/cases/resolved', { authorization: 'Bearer bad' })).toEqual({ status: 403, body: { message: 'Forbidden' } });
    expect(invoked).toEqual(['authorize']);
  });

  it("runs the route with the authorizer's context in requestContext.authorizer.lambda", async () => {
    const { invoked, send } = await aGateway();
    expect(await send('/cases/resolved', { authorization: 'Bearer good' })).toEqual({ status: 200, body: { authorizer: { lambda: { caller: 'crm' } } } });
    expect(invoked).toEqual(['authorize', 'resolved']);
  });

  it('leaves routes without an authorizer open and without requestContext.authorizer', async () => {
    const { invoked, send } = await aGateway();
    expect(await send('/feedback')).toEqual({ status: 200, body: { authorizer: null } });
    expect(invoked).toEqual(['feedback']);
  });
});
