/**
 * The console's calls to the Cognito user pool's public API (the app client has no secret), made
 * from the page as on AWS; locally the endpoint is the emulated pool's, from the same shell
 * attribute. Hand-written fetches rather than the SDK: a handful of JSON calls do not warrant its
 * weight in the page.
 */

/** What a sign-in call ended in. */
export type PoolAnswer =
  | { readonly kind: 'signedIn'; readonly tokens: SessionTokens }
  | { readonly kind: 'newPasswordRequired'; readonly session: string; readonly userName: string }
  /** The pool requires an authenticator app (`supervisorMfa: 'required'`) and this account has none yet. */
  | { readonly kind: 'mfaSetupRequired'; readonly session: string; readonly userName: string }
  /** The account signs in with a code from its authenticator app. */
  | { readonly kind: 'mfaCodeRequired'; readonly session: string; readonly userName: string }
  | { readonly kind: 'otherChallenge'; readonly challenge: string }
  | { readonly kind: 'refused'; readonly reason: PoolRefusal; readonly message: string };

/** Why the pool said no, in the console's own terms. */
export type PoolRefusal = 'wrongCredentials' | 'disabled' | 'tooManyAttempts' | 'passwordRefused' | 'codeWrong' | 'unreachable' | 'other';

export interface SessionTokens {
  readonly idToken: string;
  readonly refreshToken: string;
  /** Seconds the ID token is valid from now: the pool's own count, so the page's clock never decides. */
  readonly expiresIn: number;
}

export interface UserPoolEndpoint {
  readonly endpoint: string;
  readonly clientId: string;
}

type CallResult = { ok: true; body: Record<string, unknown> } | { ok: false; reason: PoolRefusal; message: string };

const refusalOf = (type: string, message: string): PoolRefusal => {
  if (type === 'NotAuthorizedException') return /disabled/i.test(message) ? 'disabled' : 'wrongCredentials';
  if (type === 'UserNotFoundException') return 'wrongCredentials';
  if (type === 'TooManyRequestsException' || type === 'LimitExceededException' || type === 'TooManyFailedAttemptsException') return 'tooManyAttempts';
  if (type === 'InvalidPasswordException' || type === 'InvalidParameterException') return 'passwordRefused';
  if (type === 'CodeMismatchException' || type === 'ExpiredCodeException' || type === 'EnableSoftwareTokenMFAException') return 'codeWrong';
  return 'other';
};

async function call(pool: UserPoolEndpoint, target: string, body: Record<string, unknown>): Promise<CallResult> {
  const response = await fetch(pool.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify({ ClientId: pool.clientId, ...body }),
    cache: 'no-store',
  }).catch(() => undefined);
  if (response === undefined) return { ok: false, reason: 'unreachable', message: '' };
  const answer = ((await response.json().catch(() => ({}))) ?? {}) as Record<string, unknown>;
  if (response.ok) return { ok: true, body: answer };
  // Cognito names the error in __type, sometimes prefixed with a namespace and '#'.
  const type =
    String(answer['__type'] ?? '')
      .split('#')
      .pop() ?? '';
  const message = String(answer['message'] ?? '');
  return { ok: false, reason: refusalOf(type, message), message };
}

const tokensOf = (result: Record<string, unknown>, refreshToken?: string): SessionTokens | undefined => {
  const tokens = result['AuthenticationResult'] as { IdToken?: string; RefreshToken?: string; ExpiresIn?: number } | undefined;
  const token = tokens?.RefreshToken ?? refreshToken;
  if (tokens?.IdToken === undefined || token === undefined) return undefined;
  return { idToken: tokens.IdToken, refreshToken: token, expiresIn: tokens.ExpiresIn ?? 3600 };
};

const signInAnswer = (result: CallResult, userName: string, refreshToken?: string): PoolAnswer => {
  if (!result.ok) return { kind: 'refused', reason: result.reason, message: result.message };
  const tokens = tokensOf(result.body, refreshToken);
  if (tokens !== undefined) return { kind: 'signedIn', tokens };
  const challenge = String(result.body['ChallengeName'] ?? '');
  if (challenge === 'NEW_PASSWORD_REQUIRED') {
    const parameters = (result.body['ChallengeParameters'] ?? {}) as { USER_ID_FOR_SRP?: string };
    return { kind: 'newPasswordRequired', session: String(result.body['Session'] ?? ''), userName: parameters.USER_ID_FOR_SRP ?? userName };
  }
  const session = String(result.body['Session'] ?? '');
  if (challenge === 'MFA_SETUP') return { kind: 'mfaSetupRequired', session, userName };
  if (challenge === 'SOFTWARE_TOKEN_MFA') return { kind: 'mfaCodeRequired', session, userName };
  return { kind: 'otherChallenge', challenge: challenge || 'unknown' };
};

/** `InitiateAuth` with the user name (or email alias) and password. */
export const signInWithPassword = async (pool: UserPoolEndpoint, userName: string, password: string): Promise<PoolAnswer> =>
  signInAnswer(await call(pool, 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: userName, PASSWORD: password } }), userName);

/** `RespondToAuthChallenge`: the user's answer to the challenge a sign-in step met. */
const answerChallenge = async (
  pool: UserPoolEndpoint,
  challenge: 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP',
  userName: string,
  session: string,
  responses: Record<string, string> = {},
): Promise<PoolAnswer> =>
  signInAnswer(
    await call(pool, 'RespondToAuthChallenge', { ChallengeName: challenge, Session: session, ChallengeResponses: { USERNAME: userName, ...responses } }),
    userName,
  );

/** NEW_PASSWORD_REQUIRED: the first sign-in of an account an admin created. */
export const answerNewPassword = (pool: UserPoolEndpoint, userName: string, session: string, newPassword: string): Promise<PoolAnswer> =>
  answerChallenge(pool, 'NEW_PASSWORD_REQUIRED', userName, session, { NEW_PASSWORD: newPassword });

/** SOFTWARE_TOKEN_MFA: the six digits the authenticator app shows. */
export const answerMfaCode = (pool: UserPoolEndpoint, userName: string, session: string, code: string): Promise<PoolAnswer> =>
  answerChallenge(pool, 'SOFTWARE_TOKEN_MFA', userName, session, { SOFTWARE_TOKEN_MFA_CODE: code });

/** `AssociateSoftwareToken` during MFA_SETUP: the secret the supervisor adds to an authenticator app, and the session to verify it with. */
export const startMfaSetup = async (
  pool: UserPoolEndpoint,
  session: string,
): Promise<{ ok: true; secret: string; session: string } | { ok: false; reason: PoolRefusal }> => {
  const result = await call(pool, 'AssociateSoftwareToken', { Session: session });
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, secret: String(result.body['SecretCode'] ?? ''), session: String(result.body['Session'] ?? session) };
};

/**
 * `VerifySoftwareToken` with the app's first code, then `RespondToAuthChallenge` to MFA_SETUP:
 * the app is the account's second factor from now on, and this sign-in goes on.
 */
export const finishMfaSetup = async (pool: UserPoolEndpoint, userName: string, session: string, code: string): Promise<PoolAnswer> => {
  const verified = await call(pool, 'VerifySoftwareToken', { Session: session, UserCode: code, FriendlyDeviceName: 'Authenticator app' });
  if (!verified.ok) return { kind: 'refused', reason: verified.reason === 'other' ? 'codeWrong' : verified.reason, message: verified.message };
  return answerChallenge(pool, 'MFA_SETUP', userName, String(verified.body['Session'] ?? session));
};

/** `REFRESH_TOKEN_AUTH`: new ID token for the session's refresh token (which Cognito does not rotate here). */
export const refreshSession = async (pool: UserPoolEndpoint, refreshToken: string): Promise<PoolAnswer> =>
  signInAnswer(await call(pool, 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }), '', refreshToken);

/** `RevokeToken`: the refresh token, and the tokens issued with it, stop working. */
export const revokeSession = async (pool: UserPoolEndpoint, refreshToken: string): Promise<void> => {
  await call(pool, 'RevokeToken', { Token: refreshToken });
};

/** `ForgotPassword`: the pool emails a code (and says nothing of whether the account exists). */
export const sendResetCode = async (pool: UserPoolEndpoint, userName: string): Promise<CallResult> => call(pool, 'ForgotPassword', { Username: userName });

/** `ConfirmForgotPassword` with the emailed code. */
export const resetPassword = async (pool: UserPoolEndpoint, userName: string, code: string, newPassword: string): Promise<CallResult> =>
  call(pool, 'ConfirmForgotPassword', { Username: userName, ConfirmationCode: code, Password: newPassword });
