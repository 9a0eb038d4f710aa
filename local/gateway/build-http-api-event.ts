import { isUtf8 } from 'node:buffer';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/** The parts of an HTTP request the event is made of, independent of node:http. */
export interface HttpRequestParts {
  readonly method: string;
  /** Path and query as received, e.g. `/items/1?lang=en&lang=ja`. */
  readonly url: string;
  /** Lower-case names; repeated headers as several values. */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  readonly body: Buffer;
  readonly sourceIp: string;
  readonly requestId: string;
  readonly now: Date;
}

export interface HttpRouteContext {
  readonly routeKey: string;
  readonly stage: string;
  readonly pathParameters?: Record<string, string>;
}

// HTTP APIs pass these bodies as text and base64-encode everything else (form posts included):
// payload 2.0 documents `body` as base64-encoded "if the content type of the request is binary".
const textContentType = /^(text\/|application\/(json|javascript|xml)\b|application\/[\w.+-]+\+(json|xml)\b)/i;

/**
 * Builds an API Gateway HTTP API payload format 2.0 event: repeated headers and query values
 * joined with commas, cookies moved out of the headers, base64 body for binary content types
 * and for bytes that are not UTF-8 whatever their content type. API Gateway defines a text
 * payload as UTF-8 and a binary payload as "anything other than a text payload", and passes
 * binary payloads base64-encoded with `isBase64Encoded: true`; so the function receives the
 * exact bytes, never a string in which bad bytes became U+FFFD.
 *
 * @example
 * const event = buildHttpApiEvent(parts, { routeKey: 'POST /complaints', stage: '$default' });
 */
export function buildHttpApiEvent(request: HttpRequestParts, route: HttpRouteContext): APIGatewayProxyEventV2 {
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  const { cookie, ...otherHeaders } = request.headers;
  // Object.fromEntries defines own keys, as the Lambda runtime's JSON.parse of API Gateway's event
  // does: assigning a header "__proto__" would set the prototype instead.
  const headers: Record<string, string> = Object.fromEntries([
    ['x-forwarded-proto', 'http'],
    ['x-forwarded-for', request.sourceIp],
    ...Object.entries(otherHeaders).map(([name, values]) => [name, values.join(',')]),
  ]);
  const cookies = cookie?.flatMap((line) => line.split(/;\s*/)).filter(Boolean);
  const queryStringParameters = joinedQueryParameters(rawQueryString);
  const contentType = headers['content-type'];
  const isText = (contentType === undefined || textContentType.test(contentType)) && isUtf8(request.body);
  const hasBody = request.body.length > 0;
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies !== undefined && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters === undefined ? {} : { queryStringParameters }),
    ...(route.pathParameters === undefined ? {} : { pathParameters: route.pathParameters }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers['host'] ?? 'localhost',
      domainPrefix: (headers['host'] ?? 'localhost').split('.')[0] ?? 'localhost',
      http: {
        method: request.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      routeKey: route.routeKey,
      stage: route.stage,
      time: formatRequestTime(request.now),
      timeEpoch: request.now.getTime(),
    },
    ...(hasBody ? { body: request.body.toString(isText ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !isText,
  };
}

function joinedQueryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (rawQueryString === '') return undefined;
  // A Map, not a plain object: `parameters.constructor` would be Object's, joined in front of the value.
  const parameters = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    const earlier = parameters.get(name);
    parameters.set(name, earlier === undefined ? value : `${earlier},${value}`);
  }
  return Object.fromEntries(parameters);
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * `12/Mar/2020:19:03:58 +0000`, the CLF time API Gateway puts in requestContext.time.
 *
 * @internal exported for its tests only
 */
export function formatRequestTime(now: Date): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${pad(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()}:${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())} +0000`;
}
