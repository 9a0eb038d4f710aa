import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidIdempotencyKeyError } from './request-errors.ts';
import { isValidIdempotencyKey } from '../record-id.ts';

/** The optional `Idempotency-Key` header, validated; absent means every request is new. */
export const idempotencyKeyOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return undefined;
  if (!isValidIdempotencyKey(key)) throw new InvalidIdempotencyKeyError();
  return key;
};
