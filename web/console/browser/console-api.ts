/** A response of the supervisor API: its status and parsed JSON body (or undefined). */
export interface ApiAnswer<Body = unknown> {
  readonly status: number;
  readonly body: Body;
}

/**
 * Calls the supervisor API on this origin with the bearer token. The token travels only in the
 * Authorization header: never in a URL, so it reaches neither access logs nor browser history.
 */
export const callApi = async <Body = unknown>(token: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<ApiAnswer<Body>> => {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    cache: 'no-store',
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed as Body };
};

/** The display claims of a token (the API verifies it; the console only shows who is signed in and which pages apply). */
export const claimsOf = (token: string): { name?: string; 'cognito:username'?: string; 'cognito:groups'?: string[]; email?: string; exp?: number } => {
  try {
    const payload = token.split('.')[1] ?? '';
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (character) => character.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as {
      name?: string;
      'cognito:username'?: string;
      'cognito:groups'?: string[];
      email?: string;
      exp?: number;
    };
  } catch {
    return {};
  }
};
