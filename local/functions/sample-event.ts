import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { buildHttpApiEvent } from '../gateway/build-http-api-event.ts';
import type { LocalSchedule, ScheduleTarget } from '../schedules/read-schedules.ts';
import { scheduleEvent } from '../schedules/schedule-event.ts';
import { buildSqsEvent } from './build-sqs-event.ts';

export interface RouteTrigger {
  readonly kind: 'route';
  readonly routeKey: string;
  readonly stage: string;
}

/** How a function is triggered in the template, which decides the shape of its event. */
export type FunctionTrigger =
  | RouteTrigger
  | { readonly kind: 'queue'; readonly queueArn: string; readonly region: string }
  | { readonly kind: 'schedule'; readonly schedule: LocalSchedule; readonly target: ScheduleTarget };

/**
 * An event like the ones the function gets, for a one-off run without a file: an HTTP API payload
 * 2.0 request for a route function (`{}` as the JSON body of a POST, a `$default` route gets
 * `GET /`; `headers` added, such as the credentials its authorizer reads), one SQS record with
 * body `{}` for a queue consumer, and for a scheduled function what its schedule delivers when it
 * fires at `now` (the target's Input with its context keywords replaced, or a rule's Scheduled
 * Event).
 *
 * @example
 * sampleEvent({ kind: 'route', routeKey: 'POST /complaints', stage: '$default' }, new Date());
 */
export function sampleEvent(trigger: RouteTrigger, now: Date, headers?: Readonly<Record<string, string>>): APIGatewayProxyEventV2;
export function sampleEvent(trigger: FunctionTrigger, now: Date, headers?: Readonly<Record<string, string>>): unknown;
export function sampleEvent(trigger: FunctionTrigger, now: Date, headers: Readonly<Record<string, string>> = {}): unknown {
  if (trigger.kind === 'schedule') {
    return scheduleEvent(trigger.schedule, trigger.target, { scheduledTime: now, executionId: randomBytes(8).toString('hex'), eventId: randomUUID() });
  }
  if (trigger.kind === 'queue') {
    const message = {
      MessageId: randomUUID(),
      ReceiptHandle: 'sample-receipt-handle',
      Body: '{}',
      MD5OfBody: '99914b932bd37a50b983c5e7c90ae93b',
      Attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(now.getTime()),
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: String(now.getTime()),
      },
    };
    return buildSqsEvent([message], trigger.queueArn, trigger.region);
  }
  const [method = 'GET', path = '/'] = trigger.routeKey === '$default' ? [] : trigger.routeKey.split(' ');
  const hasBody = !['GET', 'HEAD', 'ANY'].includes(method);
  return buildHttpApiEvent(
    {
      method: method === 'ANY' ? 'GET' : method,
      // A path parameter gets a sample value: /complaints/{id} becomes /complaints/sample-id.
      url: path.replace(/\{([^}+]+)\+?\}/g, 'sample-$1'),
      headers: {
        ...(hasBody ? { 'content-type': ['application/json'] } : {}),
        ...Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), [value]])),
      },
      body: Buffer.from(hasBody ? '{}' : ''),
      sourceIp: '127.0.0.1',
      requestId: randomUUID(),
      now,
    },
    { routeKey: trigger.routeKey, stage: trigger.stage, ...pathParameters(path) },
  );
}

function pathParameters(path: string): { pathParameters?: Record<string, string> } {
  const names = [...path.matchAll(/\{([^}+]+)\+?\}/g)].map((match) => match[1]!);
  return names.length === 0 ? {} : { pathParameters: Object.fromEntries(names.map((name) => [name, `sample-${name}`])) };
}
