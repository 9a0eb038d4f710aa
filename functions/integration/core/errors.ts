import { CodedError } from '../../platform/coded-error.ts';

/** The integration key secret cannot be used: the authorizer refuses to start rather than let anything through. */
export class IntegrationKeyError extends CodedError<'integration_key_unusable'> {
  override readonly name = 'IntegrationKeyError';
}
