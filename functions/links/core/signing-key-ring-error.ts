import { CodedError } from '../../platform/coded-error.ts';

/**
 * The link-signing secret cannot be used, or a rotation would break links. Messages and causes
 * never carry key material (a JSON.parse error would quote the text, so it is not kept).
 *
 * @example
 * ```ts
 * throw new SigningKeyRingError('malformed', 'The link-signing secret is neither a key nor a key ring.');
 * ```
 */
export class SigningKeyRingError extends CodedError<'empty' | 'too_short' | 'malformed' | 'unsafe_rotation'> {
  override readonly name = 'SigningKeyRingError';
}
