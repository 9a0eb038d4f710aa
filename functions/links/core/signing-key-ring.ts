import * as z from 'zod/mini';
import { SigningKeyRingError } from './errors.ts';

/**
 * The keys in the link-signing secret. New links are signed with `current`; a link verifies
 * against any key of the ring, so rotating never breaks one:
 * - `next` is published one rotation ahead of signing with it, so an execution environment that
 *   loaded the ring before a rotation still verifies links signed after it;
 * - `previous` keeps each retired key until every link it signed has expired.
 */
export interface SigningKeyRing {
  readonly current: string;
  readonly next?: { readonly key: string; readonly publishedAt: string } | undefined;
  /** Newest first. */
  readonly previous: readonly { readonly key: string; readonly retiredAt: string }[];
}

/** HMAC-SHA256 keys shorter than this are refused (the generated ones are 64 characters). */
export const MIN_SIGNING_KEY_LENGTH = 32;

const key = z.string().check(z.minLength(MIN_SIGNING_KEY_LENGTH));
const storedRing = z.strictObject({
  version: z.literal(1),
  current: key,
  next: z.optional(z.strictObject({ key, publishedAt: z.iso.datetime() })),
  previous: z.array(z.strictObject({ key, retiredAt: z.iso.datetime() })),
});

/**
 * Reads the secret's value: the JSON ring the rotation function writes, or a bare key, as
 * CloudFormation generated it before rotation existed (a ring of one, so links signed with it
 * keep verifying).
 *
 * @example
 * ```ts
 * parseSigningKeyRing('k'.repeat(64)); // { current: 'kkk…', previous: [] }
 * parseSigningKeyRing(serializeSigningKeyRing(ring)); // ring
 * ```
 */
export const parseSigningKeyRing = (secretString: string | undefined): SigningKeyRing => {
  if (!secretString) throw new SigningKeyRingError('empty', 'The link-signing secret is empty.');
  // Generated bare keys exclude punctuation, so a leading brace can only be a ring.
  if (!secretString.startsWith('{')) {
    if (secretString.length < MIN_SIGNING_KEY_LENGTH) {
      throw new SigningKeyRingError('too_short', `The link-signing key is shorter than ${MIN_SIGNING_KEY_LENGTH} characters.`);
    }
    return { current: secretString, previous: [] };
  }
  let stored: unknown;
  try {
    stored = JSON.parse(secretString);
  } catch {
    throw new SigningKeyRingError('malformed', 'The link-signing secret starts with "{" but is not JSON.');
  }
  const result = storedRing.safeParse(stored);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`).join('; ');
    throw new SigningKeyRingError('malformed', `The link-signing key ring is malformed (${problems}).`);
  }
  const { version: _version, ...ring } = result.data;
  return ring;
};

/**
 * The secret value for `ring`, versioned so a later format can still read it.
 *
 * @example
 * ```ts
 * await client.send(new PutSecretValueCommand({ SecretId, SecretString: serializeSigningKeyRing(ring) }));
 * ```
 */
export const serializeSigningKeyRing = (ring: SigningKeyRing): string =>
  JSON.stringify({ version: 1, current: ring.current, ...(ring.next ? { next: ring.next } : {}), previous: ring.previous });

/**
 * Every key a link may have been signed with: current, next and the retired ones still kept.
 *
 * @example
 * ```ts
 * verifyStatusToken(token, verificationKeysOf(ring), new Date());
 * ```
 */
export const verificationKeysOf = (ring: SigningKeyRing): readonly string[] => [
  ring.current,
  ...(ring.next ? [ring.next.key] : []),
  ...ring.previous.map((retired) => retired.key),
];
