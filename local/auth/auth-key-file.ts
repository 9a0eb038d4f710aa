import { chmod } from 'node:fs/promises';
import { CompactSign, compactVerify, type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { PrerequisiteError } from '../start-up/prerequisite-error.ts';
import { readPrivateJsonFile } from '../start-up/read-private-json-file.ts';
import { writePrivateFile } from '../start-up/write-private-file.ts';

/** The local issuer's RS256 signing key: the private key to mint, the public JWK to publish. */
export interface AuthSigningKey {
  /** The JWK thumbprint (RFC 7638) of the public key, published as `kid`. */
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/**
 * The key file is missing, unreadable or damaged. Told in one line, and never replaced silently:
 * a new key would make every token already handed out (local.json, scripts) fail with 401.
 */
export class AuthKeyFileError extends PrerequisiteError {
  constructor(keyFile: string, reason: string, options?: ErrorOptions) {
    super(
      'AUTH_KEY_FILE_UNREADABLE',
      `${keyFile} ${reason}; restore it (it holds the key that signs supervisor tokens), or delete it to make a new key that invalidates every token already minted.`,
      options,
    );
    this.name = 'AuthKeyFileError';
  }
}

/**
 * The signing key kept in `keyFile` (mode 0600), generated and written on first use. A file that
 * exists but cannot be used is refused with {@link AuthKeyFileError}.
 *
 * @example
 * const key = await readOrCreateAuthKey('.data/auth-keys.json');
 */
export async function readOrCreateAuthKey(keyFile: string): Promise<AuthSigningKey> {
  const existing = await readAuthKey(keyFile, { missingOk: true });
  if (existing !== undefined) {
    // A file copied in or made by hand may be readable by everyone.
    await chmod(keyFile, 0o600);
    return existing;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicPartOf(privateJwk));
  await writePrivateFile(keyFile, `${JSON.stringify({ kid, privateJwk }, null, 2)}\n`);
  return (await readAuthKey(keyFile)) as AuthSigningKey;
}

/**
 * The signing key in `keyFile`; a missing file is an error unless `missingOk` (then `undefined`).
 *
 * @example
 * const key = await readAuthKey(`${localDataDir(process.env)}auth-keys.json`);
 */
export async function readAuthKey(keyFile: string, options?: { missingOk: false }): Promise<AuthSigningKey>;
export async function readAuthKey(keyFile: string, options: { missingOk: true }): Promise<AuthSigningKey | undefined>;
export async function readAuthKey(keyFile: string, options: { missingOk: boolean } = { missingOk: false }): Promise<AuthSigningKey | undefined> {
  const stored = await readPrivateJsonFile(keyFile, (reason, options) => new AuthKeyFileError(keyFile, reason, options));
  if (stored === undefined) {
    if (options.missingOk) return undefined;
    throw new AuthKeyFileError(keyFile, 'does not exist (npm start creates it)');
  }
  const { kid, privateJwk } = (typeof stored === 'object' && stored !== null ? stored : {}) as { kid?: unknown; privateJwk?: JWK };
  const isRsaPrivateJwk = typeof privateJwk === 'object' && privateJwk !== null && privateJwk.kty === 'RSA' && typeof privateJwk.d === 'string';
  if (typeof kid !== 'string' || !isRsaPrivateJwk) throw new AuthKeyFileError(keyFile, 'is not an RSA private key with its kid');
  const publicJwk = publicPartOf(privateJwk);
  let privateKey: CryptoKey;
  try {
    if ((await calculateJwkThumbprint(publicJwk)) !== kid) throw new Error('kid mismatch');
    privateKey = (await importJWK(privateJwk, 'RS256')) as CryptoKey;
    // Web Crypto imports an RSA key with damaged private parts and only signs wrongly on
    // use: sign and verify once, so a bad file is refused now instead of minting 401s later.
    const probe = await new CompactSign(new TextEncoder().encode('probe')).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    await compactVerify(probe, await importJWK(publicJwk, 'RS256'));
  } catch {
    throw new AuthKeyFileError(keyFile, 'holds a damaged key (its kid does not match, or it does not sign what its public key verifies)');
  }
  return { kid, privateKey, publicJwk };
}

const publicPartOf = (jwk: JWK): JWK => ({ kty: 'RSA', n: jwk.n, e: jwk.e });
