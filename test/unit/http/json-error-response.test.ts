import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InvalidStatusTokenError, StoredItemInvalidError } from '../../../functions/shared/core/errors.ts';
import { SupervisorAccessError } from '../../../functions/shared/core/supervisor-access-error.ts';
import { jsonErrorResponse } from '../../../functions/shared/http/json-error-response.ts';
import { DependencyUnavailableError, RouteNotFoundError } from '../../../functions/shared/http/request-errors.ts';
import { captureOutput } from '../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../helpers/events.ts';

const answerTo = (error: Error) =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(async () => {
    throw error;
  }).use(jsonErrorResponse({ logger: new Logger() }))(httpEvent(), lambdaContext());

afterEach(() => vi.restoreAllMocks());

describe('jsonErrorResponse', () => {
  it.each([
    ['a missing status token', new InvalidStatusTokenError('missing'), 401, 'invalid_token'],
    ['a tampered status token', new InvalidStatusTokenError('bad_signature'), 401, 'invalid_token'],
    ['an expired status token', new InvalidStatusTokenError('expired'), 410, 'token_expired'],
    ['an unknown route', new RouteNotFoundError('GET', '/x'), 404, 'route_not_found'],
    ['a refusing queue', new DependencyUnavailableError(new Error('throttled')), 503, 'service_unavailable'],
    ['a stored item of the wrong shape', new StoredItemInvalidError('complaint', ['category']), 500, 'internal_error'],
    ['any other error', new TypeError('x is undefined'), 500, 'internal_error'],
    ['an expired supervisor token', new SupervisorAccessError('invalid_token', 'expired', { reason: 'expired' }), 401, 'invalid_token'],
    ['a supervisor in no group', new SupervisorAccessError('forbidden', 'no group'), 403, 'forbidden'],
    ['an unreachable token issuer', new SupervisorAccessError('issuer_unavailable', 'down'), 503, 'service_unavailable'],
  ])('answers %s with %i and the JSON error body', async (_name, error, statusCode, code) => {
    captureOutput();
    const response = await answerTo(error);
    expect(response.statusCode).toBe(statusCode);
    expect(JSON.parse(response.body!)).toEqual({ error: { code, message: expect.any(String), details: [] } });
  });

  it.each([
    ['an invalid supervisor token', new SupervisorAccessError('invalid_token', 'bad'), 'Bearer error="invalid_token"'],
    ['a supervisor without a role', new SupervisorAccessError('forbidden', 'no role'), 'Bearer error="insufficient_scope"'],
  ])('names the bearer problem of %s in WWW-Authenticate', async (_name, error, challenge) => {
    captureOutput();
    const response = await answerTo(error);
    expect(response.headers?.['www-authenticate']).toBe(challenge);
  });

  it('shows no internals of a failure on our side', async () => {
    captureOutput();
    const response = await answerTo(new StoredItemInvalidError('complaint', ['secret-attribute']));
    expect(response.body).not.toContain('secret-attribute');
  });
});
