import { CodedError } from '../../platform/coded-error.ts';

/**
 * Secrets Manager asked for a rotation step this function must refuse (following AWS's rotation
 * function template). Throwing fails the step; Secrets Manager retries the rotation and leaves
 * AWSCURRENT where it was, so links keep verifying.
 *
 * @example
 * ```ts
 * throw new SigningKeyRotationError('not_pending', `Version ${token} is not AWSPENDING.`);
 * ```
 */
export class SigningKeyRotationError extends CodedError<'rotation_disabled' | 'unknown_version' | 'not_pending' | 'unknown_step'> {
  override readonly name = 'SigningKeyRotationError';
}
