import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';
import { type SupervisorIdentity, supervisorIdentity } from '../core/supervisor-identity.ts';
import { SupervisorAccessError, type InvalidTokenReason } from '../core/errors.ts';

/** Where supervisor tokens come from and who they must be for. */
export interface JwtVerifierSettings {
  /** `iss` to require: on AWS `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`, locally the local issuer's URL. */
  readonly issuer: string;
  /** The app client id: ID tokens must carry it in `aud`, access tokens in `client_id`. */
  readonly audience: string;
  /** The issuer's JWKS: Cognito serves it at `<issuer>/.well-known/jwks.json`. */
  readonly jwksUrl: string;
  /** Leeway on `exp` and `nbf` for clocks that disagree a little. Default 10 s. */
  readonly clockToleranceSeconds?: number;
  /** The time tokens are checked against; tests move it, functions keep the default (now). */
  readonly now?: () => Date;
}

/** Checks a supervisor token and answers who it names. */
export interface JwtVerifier {
  /** The identity of a raw JWT; rejects with {@link SupervisorAccessError}. */
  verify(token: string | undefined): Promise<SupervisorIdentity>;
  /** The identity of an `Authorization` header: `Bearer <jwt>` (or the bare JWT, as API Gateway's JWT authorizer accepts). */
  verifyAuthorization(header: string | undefined): Promise<SupervisorIdentity>;
}

// Kept for the life of the execution environment, like the SDK clients: keys are fetched once per
// cold start, cached by jose (and fetched again, at most every 30 s, when a token names a kid the
// set lacks: how Cognito's key rotation reaches a warm function).
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
const keySetAt = (jwksUrl: string): ReturnType<typeof createRemoteJWKSet> => {
  let keySet = keySets.get(jwksUrl);
  if (keySet === undefined) {
    keySet = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3_000 });
    keySets.set(jwksUrl, keySet);
  }
  return keySet;
};

/**
 * The verifier the supervisor API uses on AWS (Cognito user pool tokens) and locally (the local
 * issuer's tokens): the same code, only the settings differ. It accepts RS256 only (Cognito signs
 * with RS256; pinning the algorithm refuses `alg: none` and HS256 signed with the public key),
 * checks the signature against the issuer's JWKS, `iss`, the audience, `exp` and `nbf`.
 *
 * The API expects Cognito **ID tokens** (`token_use: 'id'`, `aud` = the app client id): only they
 * carry `email` and `custom:team`. Access tokens (`token_use: 'access'`, `client_id` = the app
 * client id, no `aud`) are accepted as API Gateway's JWT authorizer accepts them, but carry no
 * team, so only an admin gets a scope from one.
 *
 * @example
 * ```ts
 * const verifier = createJwtVerifier(jwtVerifierSettings(process.env)); // at module scope
 * const identity = await verifier.verifyAuthorization(event.headers.authorization);
 * ```
 */
export function createJwtVerifier(settings: JwtVerifierSettings): JwtVerifier {
  const keySet = keySetAt(settings.jwksUrl);
  const verify = async (token: string | undefined): Promise<SupervisorIdentity> => {
    if (token === undefined || token.trim() === '') throw invalid('missing', 'Send a supervisor token: Authorization: Bearer <token>.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token.trim(), keySet, {
        issuer: settings.issuer,
        algorithms: ['RS256'],
        clockTolerance: settings.clockToleranceSeconds ?? 10,
        ...(settings.now === undefined ? {} : { currentDate: settings.now() }),
      }));
    } catch (error) {
      throw accessErrorOf(error);
    }
    checkAudience(payload, settings.audience);
    return supervisorIdentity(payload);
  };
  return {
    verify,
    verifyAuthorization: (header) => verify(header?.replace(/^\s*bearer\s+/i, '')),
  };
}

/**
 * The verifier's settings from the console API function's environment: `JWT_ISSUER`,
 * `JWT_AUDIENCE` (the app client id) and `JWT_JWKS_URL` (defaults to
 * `<JWT_ISSUER>/.well-known/jwks.json`, where Cognito and the local issuer serve it). A missing
 * variable fails the cold start with its name.
 *
 * @example
 * ```ts
 * jwtVerifierSettings({ JWT_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc', JWT_AUDIENCE: 'client' });
 * ```
 */
export function jwtVerifierSettings(env: Record<string, string | undefined>): JwtVerifierSettings {
  const required = (name: string): string => {
    const value = env[name]?.trim();
    if (!value) throw new Error(`Invalid function configuration: ${name} is not set`);
    return value;
  };
  const issuer = required('JWT_ISSUER').replace(/\/+$/, '');
  return { issuer, audience: required('JWT_AUDIENCE'), jwksUrl: env['JWT_JWKS_URL']?.trim() || `${issuer}/.well-known/jwks.json` };
}

// Cognito ID tokens name the app client in `aud`, access tokens in `client_id` (no `aud`): check
// the one the token's use says it has, as API Gateway's JWT authorizer does.
function checkAudience(payload: JWTPayload, audience: string): void {
  if (payload['token_use'] === 'access') {
    if (payload['client_id'] !== audience) throw invalid('wrong_audience', 'This token was issued to another app client.');
    return;
  }
  if (payload['token_use'] !== 'id') throw invalid('wrong_token_use', 'The token is neither an ID token nor an access token.');
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  if (!audiences.includes(audience)) throw invalid('wrong_audience', 'This token was issued to another app client.');
}

const invalid = (reason: InvalidTokenReason, message: string, cause?: unknown): SupervisorAccessError =>
  new SupervisorAccessError('invalid_token', message, { reason, cause });

function accessErrorOf(error: unknown): SupervisorAccessError {
  if (error instanceof errors.JWTExpired) return invalid('expired', 'The token has expired.', error);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return invalid('not_yet_valid', 'The token is not valid yet.', error);
    if (error.claim === 'iss') return invalid('wrong_issuer', 'The token comes from another issuer.', error);
    return invalid('invalid_claims', `The token's ${error.claim} claim is invalid.`, error);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return invalid('algorithm_refused', 'The token is not signed with RS256.', error);
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return invalid('unknown_key', 'The token is signed with a key the issuer does not publish.', error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('bad_signature', 'The token signature does not verify.', error);
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return invalid('malformed', 'The token is not a well-formed JWT.', error);
  // JWKS unreachable, timed out, not 200 or not a key set: not the caller's fault.
  return new SupervisorAccessError('issuer_unavailable', 'The token issuer keys could not be fetched.', { cause: error });
}
