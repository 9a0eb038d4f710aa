/** A response of the supervisor API: its status and parsed JSON body (or undefined). */
export interface ApiAnswer<Body = unknown> {
  readonly status: number;
  readonly body: Body;
}

/**
 * Calls the supervisor API on this origin with the bearer token. The token travels only in the
 * Authorization header: never in a URL, so it reaches neither access logs nor browser history.
 */
export const callApi = async <Body = unknown>(token: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiAnswer<Body>> => {
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

/** A demo user the local gateway offers (`GET /console/local-users`, served only in local mode). */
export interface LocalUser {
  readonly userId: string;
  readonly name: string;
  readonly title: string;
  readonly team?: string;
  readonly token: string;
}

/** The local gateway's demo users, or undefined where there are none (on AWS that path is a 404). */
export const fetchLocalUsers = async (): Promise<readonly LocalUser[] | undefined> => {
  const response = await fetch('/console/local-users', { headers: { accept: 'application/json' }, cache: 'no-store' }).catch(() => undefined);
  if (response === undefined || !response.ok) return undefined;
  const body = (await response.json().catch(() => undefined)) as { users?: LocalUser[] } | undefined;
  return Array.isArray(body?.users) ? body.users : undefined;
};

/**
 * Signs in against the Cognito user pool's public app client (USER_PASSWORD_AUTH, over TLS to
 * Cognito itself) and returns the ID token, which carries the groups and team the API reads.
 */
export const cognitoSignIn = async (region: string, clientId: string, email: string, password: string): Promise<string | undefined> => {
  const response = await fetch(`https://cognito-idp.${region}.amazonaws.com/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
    body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: email, PASSWORD: password } }),
  }).catch(() => undefined);
  if (response === undefined || !response.ok) return undefined;
  const body = (await response.json().catch(() => undefined)) as { AuthenticationResult?: { IdToken?: string } } | undefined;
  return body?.AuthenticationResult?.IdToken;
};

/** The display claims of a token (the API verifies it; the console only shows who is signed in). */
export const claimsOf = (token: string): { name?: string; 'cognito:username'?: string; email?: string } => {
  try {
    const payload = token.split('.')[1] ?? '';
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (character) => character.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as { name?: string; 'cognito:username'?: string; email?: string };
  } catch {
    return {};
  }
};
