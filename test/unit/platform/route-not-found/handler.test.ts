import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_ECHOED_CHARS } from '../../../../functions/platform/http/request-limits.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

let handler: typeof import('../../../../functions/platform/route-not-found/handler.ts').handler;

beforeAll(async () => {
  stubEnvironment({ POWERTOOLS_SERVICE_NAME: 'route-not-found' });
  ({ handler } = await import('../../../../functions/platform/route-not-found/handler.ts'));
});
afterEach(() => vi.restoreAllMocks());

describe('the $default route', () => {
  it('answers 404 route_not_found with the JSON error body, naming the method and path', async () => {
    captureOutput();
    const response = await handler(httpEvent({ method: 'DELETE', path: '/feedback', body: undefined }), lambdaContext());
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body!)).toEqual({ error: { code: 'route_not_found', message: 'No route matches DELETE /feedback.', details: [] } });
  });

  it('cuts a long path short rather than echoing it whole', async () => {
    captureOutput();
    const path = `/${'p'.repeat(32_000)}`;
    const response = await handler(httpEvent({ method: 'GET', path, body: undefined }), lambdaContext());
    const { message } = JSON.parse(response.body!).error;
    expect(message).toBe(`No route matches GET ${path.slice(0, MAX_ECHOED_CHARS)}….`);
  });
});
