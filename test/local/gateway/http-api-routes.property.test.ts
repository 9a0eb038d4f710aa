import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchRoute, type HttpApiRoute } from '../../../local/gateway/http-api-routes.ts';
import { propertyRuns } from '../../helpers/property-runs.ts';

const routeOf = (routeKey: string): HttpApiRoute => ({ routeKey, functionName: routeKey, stage: '$default' });

// Literal path segments as a route key may spell them: no slash, no braces, no percent sign.
const literalSegment = fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/);
const literalPath = fc.array(literalSegment, { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.join('/')}`);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS');

describe('matchRoute, for any path', () => {
  it('sends every request somewhere when a $default route exists', () => {
    fc.assert(
      fc.property(fc.array(literalPath, { maxLength: 5 }), method, literalPath, (paths, requestMethod, requestPath) => {
        const routes = [...paths.map((path) => routeOf(`GET ${path}`)), routeOf('$default')];
        expect(matchRoute(routes, requestMethod, requestPath)).toBeDefined();
      }),
      propertyRuns(300),
    );
  });

  it('prefers a literal route over a parameter, a greedy parameter and ANY, whatever their order', () => {
    fc.assert(
      fc.property(literalPath, method, fc.nat(), (path, requestMethod, rotation) => {
        const [first, ...rest] = path.slice(1).split('/');
        const candidates = [
          `${requestMethod} ${path}`,
          `ANY ${path}`,
          `${requestMethod} /{proxy+}`,
          `${requestMethod} /${first}${rest.map(() => '/{p}').join('')}`,
          '$default',
        ].filter((key, index, keys) => keys.indexOf(key) === index);
        const shift = rotation % candidates.length;
        const routes = [...candidates.slice(shift), ...candidates.slice(0, shift)].map(routeOf);
        expect(matchRoute(routes, requestMethod, path)?.route.routeKey).toBe(`${requestMethod} ${path}`);
      }),
      propertyRuns(300),
    );
  });

  it('hands a path parameter over decoded, exactly as the client wrote it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), (value) => {
        const match = matchRoute([routeOf('GET /items/{id}')], 'GET', `/items/${encodeURIComponent(value)}`);
        expect(match?.pathParameters).toEqual({ id: value });
      }),
      propertyRuns(300),
    );
  });

  it('hands a greedy parameter every remaining segment', () => {
    fc.assert(
      fc.property(literalPath, (rest) => {
        const match = matchRoute([routeOf('ANY /files/{proxy+}')], 'DELETE', `/files${rest}`);
        expect(match?.pathParameters).toEqual({ proxy: rest.slice(1) });
      }),
      propertyRuns(300),
    );
  });

  it('matches no route whose literal segments differ from the path', () => {
    fc.assert(
      fc.property(literalPath, literalPath, (routePath, requestPath) => {
        fc.pre(routePath !== requestPath);
        expect(matchRoute([routeOf(`GET ${routePath}`)], 'GET', requestPath)).toBeUndefined();
      }),
      propertyRuns(300),
    );
  });
});
