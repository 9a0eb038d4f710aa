import { describe, expect, it } from 'vitest';
import { sampleEvent } from '../../../local/functions/sample-event.ts';
import { aLocalSchedule } from '../schedules/a-local-schedule.ts';

const now = new Date('2026-11-25T10:00:00.000Z');

describe('sampleEvent', () => {
  it('builds an HTTP API payload 2.0 POST with a JSON body for a POST route', () => {
    const event = sampleEvent({ kind: 'route', routeKey: 'POST /complaints', stage: '$default' }, now);

    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /complaints',
      rawPath: '/complaints',
      body: '{}',
      headers: { 'content-type': 'application/json' },
      requestContext: { http: { method: 'POST', path: '/complaints' }, stage: '$default', timeEpoch: now.getTime() },
    });
  });

  it.each([
    ['GET /complaints/{id}', '/complaints/sample-id', { id: 'sample-id' }],
    ['ANY /files/{proxy+}', '/files/sample-proxy', { proxy: 'sample-proxy' }],
  ])('fills the path parameters of %s with sample values', (routeKey, rawPath, pathParameters) => {
    const event = sampleEvent({ kind: 'route', routeKey, stage: '$default' }, now);

    expect(event).toMatchObject({ rawPath, pathParameters });
    expect(event).not.toHaveProperty('body', '{}');
  });

  it('sends GET / to the $default route', () => {
    expect(sampleEvent({ kind: 'route', routeKey: '$default', stage: '$default' }, now)).toMatchObject({
      rawPath: '/',
      requestContext: { http: { method: 'GET' } },
    });
  });

  it('builds one SQS record with an empty JSON body for a queue consumer', () => {
    const queueArn = 'arn:aws:sqs:us-east-1:000000000000:Complaints';

    const event = sampleEvent({ kind: 'queue', queueArn, region: 'us-east-1' }, now);

    expect(event).toMatchObject({
      Records: [
        {
          body: '{}',
          eventSource: 'aws:sqs',
          eventSourceARN: queueArn,
          awsRegion: 'us-east-1',
          attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(now.getTime()) },
        },
      ],
    });
  });

  it('adds the headers it is given, such as the credentials an authorizer reads, in lower case', () => {
    const event = sampleEvent({ kind: 'route', routeKey: 'POST /cases/resolved', stage: '$default' }, now, { Authorization: 'Bearer key' });

    expect(event.headers).toMatchObject({ authorization: 'Bearer key', 'content-type': 'application/json' });
  });

  it("gives a scheduled function its Scheduler target's Input, fired now", () => {
    const schedule = aLocalSchedule('rate(1 minute)');

    expect(sampleEvent({ kind: 'schedule', schedule, target: schedule.targets[0]! }, now)).toEqual({ at: '2026-11-25T10:00:00Z' });
  });

  it("gives a function a scheduled EventBridge rule targets the rule's Scheduled Event", () => {
    const rule = aLocalSchedule('rate(5 minutes)', { type: 'AWS::Events::Rule', targets: [{ functionName: 'Digest', input: undefined }] });

    expect(sampleEvent({ kind: 'schedule', schedule: rule, target: rule.targets[0]! }, now)).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-25T10:00:00Z',
    });
  });
});
