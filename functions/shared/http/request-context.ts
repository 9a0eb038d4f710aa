import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { InvalidIdempotencyKeyError } from './request-errors.ts';
import { isValidIdempotencyKey } from '../core/record-id.ts';

/** The optional `Idempotency-Key` header, validated; absent means every request is new. */
export const idempotencyKeyOf = (event: APIGatewayProxyEventV2): string | undefined => {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return undefined;
  if (!isValidIdempotencyKey(key)) throw new InvalidIdempotencyKeyError();
  return key;
};

/**
 * The absolute URL of `path` on the API that received `event`, so links work behind any domain
 * (API Gateway's own, a custom domain, or the local gateway) without configuring it.
 */
export const publicUrlOf = (event: APIGatewayProxyEventV2, path: string): string => {
  const protocol = event.headers?.['x-forwarded-proto']?.split(',')[0]?.trim() === 'http' ? 'http' : 'https';
  const stage = event.requestContext.stage && event.requestContext.stage !== '$default' ? `/${event.requestContext.stage}` : '';
  return `${protocol}://${event.requestContext.domainName}${stage}${path}`;
};
