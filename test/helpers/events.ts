import type { APIGatewayProxyEventV2, Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { claimAsString } from '../../local/gateway/jwt-authorizer.ts';

// The headers API Gateway adds to every request, so handlers (and the benchmarks, which share
// this factory) see as many as on AWS.
const GATEWAY_HEADERS = {
  accept: 'application/json',
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'x-amzn-trace-id': 'Root=1-66a1b2c3-0123456789abcdef01234567',
  'x-forwarded-for': '203.0.113.7',
  'x-forwarded-port': '443',
  'x-forwarded-proto': 'https',
};

/**
 * An API Gateway HTTP API (payload 2.0) event, as the local gateway and AWS both produce it.
 *
 * @example
 * httpEvent({ method: 'GET', path: '/complaints/status', body: undefined, query: { token } });
 */
export const httpEvent = (
  overrides: {
    method?: string;
    path?: string;
    body?: string | undefined;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    isBase64Encoded?: boolean;
  } = {},
): APIGatewayProxyEventV2 => {
  const method = overrides.method ?? 'POST';
  const path = overrides.path ?? '/complaints';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(overrides.query ?? {}).toString(),
    headers: {
      ...GATEWAY_HEADERS,
      'content-type': 'application/json',
      ...(overrides.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(overrides.body)) }),
      host: 'api.example.com',
      ...overrides.headers,
    },
    queryStringParameters: overrides.query,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '25/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_000_000_000,
    },
    body: overrides.body,
    isBase64Encoded: overrides.isBase64Encoded ?? false,
  };
};

/**
 * `event` as API Gateway passes it on once its JWT authorizer has verified a token with `payload`:
 * the token in the Authorization header and its claims, each flattened to a string, in
 * `requestContext.authorizer.jwt`. The token is unsigned (the function never checks a signature:
 * API Gateway did).
 *
 * @example
 * asVerifiedCaller(httpEvent({ method: 'GET', path: '/escalations' }), { sub: '7d0c…', 'cognito:username': 'u1', token_use: 'id', 'cognito:groups': ['admin'] });
 */
export const asVerifiedCaller = (event: APIGatewayProxyEventV2, payload: Record<string, unknown>): APIGatewayProxyEventV2 => {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const token = `${part({ alg: 'RS256', kid: 'test' })}.${part(payload)}.${Buffer.from('signature').toString('base64url')}`;
  const claims = Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, claimAsString(value)]));
  return {
    ...event,
    headers: { ...event.headers, authorization: `Bearer ${token}` },
    requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: null } } },
  } as APIGatewayProxyEventV2;
};

/** A Lambda context good enough for Powertools and middy. */
export const lambdaContext = (functionName = 'test-function'): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:eu-west-1:123456789012:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: 'request-1',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

/**
 * An SQS record carrying `body` (a string as sent, or an object to serialise), as the event
 * source mapping delivers it.
 *
 * @example
 * sqsEvent(sqsRecord(message, 'poison', 3), sqsRecord(message));
 */
export const sqsRecord = (body: unknown, messageId = 'message-1', receiveCount = 1): SQSRecord => ({
  messageId,
  receiptHandle: `handle-${messageId}`,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: {
    ApproximateReceiveCount: String(receiveCount),
    SentTimestamp: '1795000000000',
    SenderId: 'sender',
    ApproximateFirstReceiveTimestamp: '1795000000000',
  },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:eu-west-1:123456789012:complaints',
  awsRegion: 'eu-west-1',
});

export const sqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
