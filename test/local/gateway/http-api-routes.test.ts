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

  // API Gateway's routing documentation says nothing of empty segments: refused, even by $default.
  it.each([
    ['a trailing slash', 'POST', '/complaints/'],
    ['a doubled slash before the path', 'POST', '//complaints'],
    ['a doubled slash inside the path', 'GET', '/complaints//status'],
    ['an empty segment where a parameter would be', 'GET', '/complaints//'],
    ['an empty segment under a greedy variable', 'GET', '/files/a//b'],
    ['a path of slashes alone', 'GET', '//'],
  ])('matches no route, not even $default, for %s (%s %s)', (_name, method, path) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });

  it.each([
    ['a malformed percent escape', 'GET', '/complaints/%E0%A4%A'],
    ['a truncated percent escape', 'GET', '/files/a/%'],
  ])('matches no route for %s rather than failing (%s %s)', (_name, method, path) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });

  it('sends the root path to $default', () => {
    expect(matchRoute(routes, 'GET', '/')?.route.routeKey).toBe('$default');
  });
});
