import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RouteNotFoundError } from '../../../../functions/platform/http/request-errors.ts';
import { signStatusToken } from '../../../../functions/intake/core/status-token.ts';
import { httpHandler } from '../../../../functions/platform/http/http-handler.ts';
import { jsonResponse } from '../../../../functions/platform/http/json-response.ts';
import { captureOutput } from '../../../helpers/capture-output.ts';
import { httpEvent, lambdaContext } from '../../../helpers/events.ts';
import { stubEnvironment } from '../../../helpers/stub-environment.ts';

const SIGNING_KEY = 'k'.repeat(64);
const COMPLAINT_ID = '0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11';
const NO_METRICS_WARNING = 'No application metrics to publish';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const routes: Record<'complaint-status' | 'route-not-found', Handler> = {} as never;

// The routes read their configuration and signing key at import, as on a Lambda cold start.
beforeAll(async () => {
  stubEnvironment({
    TABLE_NAME: 'table',
    SIGNING_KEY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:signing',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_SERVICE_NAME: 'http-handler',
  });
  mockClient(SecretsManagerClient).on(GetSecretValueCommand).resolves({ SecretString: SIGNING_KEY });
  mockClient(DynamoDBClient).on(GetItemCommand).resolves({});
  routes['complaint-status'] = (await import('../../../../functions/intake/complaint-status/handler.ts')).handler;
  routes['route-not-found'] = (await import('../../../../functions/platform/route-not-found/handler.ts')).handler;
});
afterEach(() => vi.restoreAllMocks());

const statusRequest = (token: string) => httpEvent({ method: 'GET', path: '/complaints/status', body: undefined, query: { token } });

describe('httpHandler', () => {
  it.each([
    ['complaint-status, queued', 'complaint-status', statusRequest(signStatusToken(COMPLAINT_ID, new Date(Date.now() + 86_400_000), SIGNING_KEY)), 200],
    ['complaint-status, bad token', 'complaint-status', statusRequest('not-a-token'), 401],
    ['route-not-found', 'route-not-found', httpEvent({ method: 'GET', path: '/nowhere', body: undefined }), 404],
  ] as const)('prints no "No application metrics" warning on a route that records none (%s)', async (_name, route, event, statusCode) => {
    // Prepare
    const output = captureOutput();
    // Act
    const response = await routes[route](event, lambdaContext());
    // Assess
    expect(response.statusCode).toBe(statusCode);
    expect(output()).not.toContain(NO_METRICS_WARNING);
    expect(output()).not.toContain('"_aws"');
  });

  it('flushes a route’s metrics as one EMF line when the route passes its metrics sink', async () => {
    // Prepare
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'http-handler' });
    const handler = httpHandler(
      async () => {
        metrics.addMetric('ThingDone', MetricUnit.Count, 1);
        return jsonResponse(200, { ok: true });
      },
      { metrics },
    );
    const output = captureOutput();
    // Act
    await handler(httpEvent(), lambdaContext());
    // Assess
    const emfLines = output()
      .split('\n')
      .filter((line) => line.includes('"_aws"'));
    expect(emfLines).toHaveLength(1);
    expect(JSON.parse(emfLines[0]!)).toMatchObject({ ThingDone: 1 });
    expect(output()).not.toContain(NO_METRICS_WARNING);
  });

  it('writes no metrics line and no warning for a request that recorded none on a route with metrics', async () => {
    // Prepare
    const metrics = new Metrics({ namespace: 'Test', serviceName: 'http-handler' });
    const handler = httpHandler(
      async (event) => {
        if (event.rawPath === '/record') metrics.addMetric('ThingDone', MetricUnit.Count, 1);
        return jsonResponse(200, { ok: true });
      },
      { metrics },
    );
    const output = captureOutput();
    // Act
    await handler(httpEvent({ method: 'GET', path: '/view', body: undefined }), lambdaContext());
    await handler(httpEvent({ method: 'GET', path: '/record', body: undefined }), lambdaContext());
    // Assess
    expect(output()).not.toContain(NO_METRICS_WARNING);
    expect(
      output()
        .split('\n')
        .filter((line) => line.includes('"_aws"')),
    ).toHaveLength(1);
  });

  it('still answers the JSON error body on a route without metrics', async () => {
    const handler = httpHandler(async (event) => {
      throw new RouteNotFoundError(event.requestContext.http.method, event.rawPath);
    });
    captureOutput();
    const response = await handler(httpEvent({ method: 'GET', path: '/nowhere' }), lambdaContext());
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body!)).toEqual({ error: { code: 'route_not_found', message: 'No route matches GET /nowhere.', details: [] } });
  });
});
