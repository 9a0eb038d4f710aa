import { describe, expect, it } from 'vitest';
import { matchRoute, type HttpApiRoute } from '../../../local/gateway/http-api-routes.ts';

const routes: HttpApiRoute[] = [
  'POST /complaints',
  'GET /complaints/status',
  'GET /complaints/{id}',
  'ANY /files/{proxy+}',
  'GET /files/{proxy+}',
  '$default',
].map((routeKey) => ({ routeKey, functionName: routeKey, stage: '$default' }));

describe('matchRoute', () => {
  it.each([
    ['POST', '/complaints', 'POST /complaints', undefined],
    ['GET', '/complaints/status', 'GET /complaints/status', undefined],
    ['GET', '/complaints/c-1', 'GET /complaints/{id}', { id: 'c-1' }],
    ['GET', '/complaints/a%20b', 'GET /complaints/{id}', { id: 'a b' }],
    ['GET', '/files/a/b', 'GET /files/{proxy+}', { proxy: 'a/b' }],
    ['PUT', '/files/a', 'ANY /files/{proxy+}', { proxy: 'a' }],
    ['GET', '/complaints', '$default', undefined],
    ['DELETE', '/nowhere', '$default', undefined],
  ])('routes %s %s to %s', (method, path, routeKey, pathParameters) => {
    const match = matchRoute(routes, method, path);

    expect(match?.route.routeKey).toBe(routeKey);
    expect(match?.pathParameters).toEqual(pathParameters);
  });

  it('finds nothing without a $default route', () => {
    expect(matchRoute(routes.slice(0, 2), 'GET', '/nowhere')).toBeUndefined();
  });
});
