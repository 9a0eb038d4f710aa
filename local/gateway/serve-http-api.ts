import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { isLoopbackHost } from '../loopback-guard/is-loopback-host.ts';
import { buildHttpApiEvent } from './build-http-api-event.ts';
import { corsPreflightHeaders, corsResponseHeaders, type HttpApiCors } from './http-api-cors.ts';
import { matchRoute, type HttpApiRoute } from './http-api-routes.ts';
import { routeThrottle, type HttpApiThrottling } from './http-api-throttling.ts';
import { authorizeRoute } from './authorize-route.ts';
import { jwtAuthorizer } from './jwt-authorizer.ts';
import { lambdaAuthorizer } from './lambda-authorizer.ts';
import { internalServerError, toHttpResponse, type HttpResponseParts } from './to-http-response.ts';

export interface LocalHttpApi {
  readonly url: string;
  /** Stops accepting connections and waits for the requests in flight. */
  stop(): Promise<void>;
}

/** API Gateway's request payload quota. */
const maxPayloadBytes = 10 * 1024 * 1024;

const jsonResponse = (statusCode: number, message: string): HttpResponseParts => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from(JSON.stringify({ message })),
});

/**
 * Serves the template's HTTP API routes on 127.0.0.1, turning each request into a payload 2.0
 * event for the route's function. Routes can be bound before the functions exist: `invoke` is
 * only called per request. Any web page the developer opens can send requests to 127.0.0.1, so
 * only a Host of 127.0.0.1 or localhost with the gateway's port is served, and the local-only
 * routes answer the console's own pages alone, with no CORS.
 *
 * @example
 * const api = await serveHttpApi({ port: 3000, routes, invoke: (name, event) => hosts.get(name)!.invoke(event) });
 */
export async function serveHttpApi(options: {
  readonly port: number;
  readonly routes: readonly HttpApiRoute[];
  readonly cors?: HttpApiCors | undefined;
  /** The stage's throttling; none when left out. */
  readonly throttling?: HttpApiThrottling | undefined;
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
}): Promise<LocalHttpApi> {
  const gateway = {
    ...options,
    allowed: routeThrottle(options.throttling ?? { routes: {} }, () => performance.now()),
    authorize: authorizeRoute(
      lambdaAuthorizer(options.invoke, () => performance.now()),
      jwtAuthorizer(),
    ),
  };
  let port = options.port;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = createServer((request, response) => {
    inFlight += 1;
    void respond(request, gateway, port)
      .catch(() => internalServerError)
      .then((parts) => send(response, parts))
      .finally(() => {
        inFlight -= 1;
        if (inFlight === 0) drained?.();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}

interface Gateway {
  readonly routes: readonly HttpApiRoute[];
  readonly cors?: HttpApiCors | undefined;
  readonly allowed: (routeKey: string) => boolean;
  readonly authorize: ReturnType<typeof authorizeRoute>;
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
}

async function respond(request: IncomingMessage, gateway: Gateway, port: number): Promise<HttpResponseParts> {
  // API Gateway answers a request for a Host that maps to none of its APIs with 403
  // {"message":"Forbidden"} (as for a public API called through a VPC endpoint's private DNS), and
  // runs nothing. Here that is any name but 127.0.0.1 or localhost with this port: a DNS
  // rebinding page, or a forged header.
  if (!isLoopbackHost(request.headers.host, port)) {
    request.resume();
    return jsonResponse(403, 'Forbidden');
  }
  // As API Gateway: every answer names its request id, which the functions log as the correlation id.
  const requestId = randomBytes(12).toString('base64url');
  const parts = withCors(await answer(request, gateway, requestId).catch(() => internalServerError), gateway.cors, request.headers.origin);
  return { ...parts, headers: { ...parts.headers, 'apigw-requestid': requestId } };
}

async function answer(request: IncomingMessage, options: Gateway, requestId: string): Promise<HttpResponseParts> {
  const body = await readBody(request);
  if (body === undefined) return jsonResponse(413, 'Request Entity Too Large');
  const url = request.url ?? '/';
  const method = request.method ?? 'GET';
  const preflight = corsPreflightHeaders(options.cors, method, request.headers as Record<string, string | undefined>);
  if (preflight !== undefined) return { statusCode: 204, headers: preflight, cookies: [], body: Buffer.alloc(0) };
  const match = matchRoute(options.routes, method, url.split('?')[0] ?? '/');
  if (match === undefined) return jsonResponse(404, 'Not Found');
  // Throttled requests never reach the function: API Gateway answers them itself.
  if (!options.allowed(match.route.routeKey)) return jsonResponse(429, 'Too Many Requests');
  const event = buildHttpApiEvent(
    {
      method,
      url,
      headers: request.headersDistinct as Record<string, string[]>,
      body,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      requestId,
      now: new Date(),
    },
    { routeKey: match.route.routeKey, stage: match.route.stage, ...(match.pathParameters ? { pathParameters: match.pathParameters } : {}) },
  );
  const authorization = await options.authorize(match.route, event);
  if (!authorization.allowed) return authorization.response;
  if (authorization.authorizer !== undefined) Object.assign(event.requestContext, { authorizer: authorization.authorizer });
  // A function error is a 500 with API Gateway's generic body; the details stay in the function log.
  return toHttpResponse(await options.invoke(match.route.functionName, event));
}

/** The body, or undefined once it exceeds the payload quota (the rest is drained so the 413 arrives). */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxPayloadBytes) chunks.push(chunk);
    });
    request.once('end', () => resolve(size > maxPayloadBytes ? undefined : Buffer.concat(chunks)));
    request.once('error', reject);
  });
}

function withCors(parts: HttpResponseParts, cors: HttpApiCors | undefined, origin: string | undefined): HttpResponseParts {
  const headers = corsResponseHeaders(cors, origin);
  return Object.keys(headers).length === 0 ? parts : { ...parts, headers: { ...parts.headers, ...headers } };
}

function send(response: ServerResponse, parts: HttpResponseParts): void {
  response.statusCode = parts.statusCode;
  for (const [name, value] of Object.entries(parts.headers)) response.setHeader(name, value);
  if (parts.cookies.length > 0) response.setHeader('set-cookie', [...parts.cookies]);
  response.setHeader('content-length', parts.body.length);
  response.end(parts.body);
}
