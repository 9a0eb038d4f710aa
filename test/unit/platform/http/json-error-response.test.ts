import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EscalationActionError, EscalationNotFoundError, InvalidListCursorError, SupervisorAccessError } from '../../../../functions/escalation/core/errors.ts';
import { InvalidStatusTokenError, StoredItemInvalidError } from '../../../../functions/intake/core/errors.ts';
import { jsonErrorResponse } from '../../../../functions/platform/http/json-error-response.ts';
import { DependencyUnavailableError, RouteNotFoundError } from '../../../../functions/platform/http/request-errors.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';

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
    ['an unreadable supervisor token', new SupervisorAccessError('invalid_token', 'unreadable', { reason: 'malformed' }), 401, 'invalid_token'],
    ['a supervisor in no group', new SupervisorAccessError('forbidden', 'no group'), 403, 'forbidden'],
    ['an escalation action out of scope', new EscalationActionError('forbidden', 'not yours'), 403, 'forbidden'],
    ['a blank note', new EscalationActionError('invalid_action', 'blank'), 400, 'invalid_action'],
    ['an action on a resolved escalation', new EscalationActionError('invalid_transition', 'resolved'), 409, 'invalid_transition'],
    ['an unknown escalation', new EscalationNotFoundError('escalation_not_found', 'none'), 404, 'escalation_not_found'],
    ['a forged listing cursor', new InvalidListCursorError('invalid_cursor', 'forged'), 400, 'invalid_cursor'],
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

  it.each([
    ['already_claimed', 'sup-general-ana'],
    ['not_holder', 'sup-general-ben'],
  ] as const)('answers %s with 409 naming the holder', async (code, holder) => {
    captureOutput();
    const response = await answerTo(new EscalationActionError(code, `Held by ${holder}.`, { holder }));
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body!)).toEqual({ error: { code, message: expect.any(String), details: [], holder } });
  });
});
