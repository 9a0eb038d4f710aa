import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';

/** The CorsConfiguration of an AWS::ApiGatewayV2::Api, as the template states it. */
export interface HttpApiCors {
  readonly AllowOrigins?: readonly string[];
  readonly AllowMethods?: readonly string[];
  readonly AllowHeaders?: readonly string[];
  readonly ExposeHeaders?: readonly string[];
  readonly MaxAge?: number;
  readonly AllowCredentials?: boolean;
}

/** The first HTTP API's CORS configuration, or undefined when it has none. */
export function readHttpApiCors(template: CfnTemplate): HttpApiCors | undefined {
  const [api] = readResources(template, 'AWS::ApiGatewayV2::Api');
  return api?.[1].CorsConfiguration;
}

const allowsOrigin = (cors: HttpApiCors, origin: string): boolean =>
  (cors.AllowOrigins ?? []).some((allowed) => allowed === '*' || allowed.toLowerCase() === origin.toLowerCase());

/**
 * What API Gateway does with CORS once an API has a CorsConfiguration: it answers a preflight
 * (OPTIONS with Origin and Access-Control-Request-Method) itself, with 204, before any route;
 * and it adds Access-Control-Allow-Origin to the answers for an allowed Origin.
 *
 * @example
 * const preflight = corsPreflightHeaders(cors, 'OPTIONS', headers); // undefined: not a preflight
 */
export function corsPreflightHeaders(
  cors: HttpApiCors | undefined,
  method: string,
  headers: Record<string, string | undefined>,
): Record<string, string> | undefined {
  const origin = headers['origin'];
  if (cors === undefined || method !== 'OPTIONS' || origin === undefined || headers['access-control-request-method'] === undefined) {
    return undefined;
  }
  if (!allowsOrigin(cors, origin)) return {};
  return {
    ...corsResponseHeaders(cors, origin),
    'access-control-allow-methods': (cors.AllowMethods ?? []).join(','),
    'access-control-allow-headers': (cors.AllowHeaders ?? []).join(','),
    ...(cors.MaxAge === undefined ? {} : { 'access-control-max-age': String(cors.MaxAge) }),
  };
}

/** Headers added to an ordinary answer for a request from `origin`. */
export function corsResponseHeaders(cors: HttpApiCors | undefined, origin: string | undefined): Record<string, string> {
  if (cors === undefined || origin === undefined || !allowsOrigin(cors, origin)) return {};
  const wildcard = (cors.AllowOrigins ?? []).includes('*') && cors.AllowCredentials !== true;
  return {
    'access-control-allow-origin': wildcard ? '*' : origin,
    ...(cors.ExposeHeaders?.length ? { 'access-control-expose-headers': cors.ExposeHeaders.join(',') } : {}),
    ...(cors.AllowCredentials ? { 'access-control-allow-credentials': 'true' } : {}),
  };
}
