export interface HttpResponseParts {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly cookies: readonly string[];
  readonly body: Buffer;
}

/** What API Gateway answers when the integration fails or returns something it cannot use. */
export const internalServerError: HttpResponseParts = {
  statusCode: 500,
  headers: { 'content-type': 'application/json' },
  cookies: [],
  body: Buffer.from('{"message":"Internal Server Error"}'),
};

/**
 * Maps a handler's result to the HTTP response per the payload format 2.0 rules: an object with
 * `statusCode` is used as is; anything else becomes a 200 JSON body (a string is sent verbatim).
 *
 * @example
 * toHttpResponse({ statusCode: 202, body: '{"id":"c-1"}' });
 */
export function toHttpResponse(result: unknown): HttpResponseParts {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) };
  }
  const { statusCode, headers, cookies, body, isBase64Encoded } = result as Record<string, unknown>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) return internalServerError;
  const textHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries((headers as Record<string, unknown> | undefined) ?? {})) {
    if (value !== undefined && value !== null) textHeaders[name.toLowerCase()] = String(value);
  }
  const text = typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body);
  return {
    statusCode,
    headers: textHeaders,
    cookies: Array.isArray(cookies) ? cookies.map(String) : [],
    body: Buffer.from(text, isBase64Encoded === true ? 'base64' : 'utf8'),
  };
}
