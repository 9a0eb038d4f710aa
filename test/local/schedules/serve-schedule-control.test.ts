import { afterEach, describe, expect, it } from 'vitest';
import type { LocalSchedule } from '../../../local/schedules/read-schedules.ts';
import { serveScheduleControl, type ScheduleControl } from '../../../local/schedules/serve-schedule-control.ts';
import { startSchedules, type LocalScheduler } from '../../../local/schedules/start-schedules.ts';
import { aLocalSchedule } from './a-local-schedule.ts';

const aSchedule = (name: string, functionName: string): LocalSchedule =>
  aLocalSchedule('cron(0 3 * * ? *)', { name, timeZone: 'Asia/Tokyo', targets: [{ functionName, input: '{"kind":"digest"}' }] });

describe('the schedule control endpoint', () => {
  let scheduler: LocalScheduler;
  let control: ScheduleControl;
  const invoked: Array<[string, unknown]> = [];

  const serve = async (schedules: LocalSchedule[]) => {
    scheduler = startSchedules({
      schedules,
      invoke: async (functionName, event) => {
        invoked.push([functionName, event]);
        if (functionName === 'Broken') throw Object.assign(new Error('Broken: boom'), { errorType: 'Error' });
        return { ok: true };
      },
      log: () => undefined,
    });
    control = await serveScheduleControl(scheduler);
  };

  afterEach(async () => {
    await control?.stop();
    await scheduler?.stop();
    invoked.length = 0;
  });

  it('listens on loopback only', async () => {
    await serve([]);

    expect(new URL(control.url).hostname).toBe('127.0.0.1');
  });

  it('lists every schedule with its next fire time', async () => {
    await serve([aSchedule('nightly-digest', 'Digest')]);

    const response = await fetch(`${control.url}/schedules`);
    const body = (await response.json()) as { now: string; schedules: Array<Record<string, unknown>> };

    expect(response.status).toBe(200);
    expect(body.schedules).toEqual([
      {
        name: 'nightly-digest',
        logicalId: 'Digest',
        type: 'AWS::Scheduler::Schedule',
        expression: 'cron(0 3 * * ? *)',
        timeZone: 'Asia/Tokyo',
        state: 'ENABLED',
        targetFunctions: ['Digest'],
        nextFireTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T18:00:00\.000Z$/),
      },
    ]);
    expect(Date.parse(String(body.schedules[0]?.['nextFireTime']))).toBeGreaterThan(Date.parse(body.now));
  });

  it('fires a schedule now and answers with the invocation outcome', async () => {
    await serve([aSchedule('nightly digest', 'Digest')]);

    const response = await fetch(`${control.url}/schedules/nightly%20digest/run`, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: 'nightly digest',
      targets: [{ functionName: 'Digest', event: { kind: 'digest' }, outcome: 'succeeded', result: { ok: true } }],
    });
    expect(invoked).toEqual([['Digest', { kind: 'digest' }]]);
  });

  it('answers 502 with the error when the function fails', async () => {
    await serve([aSchedule('broken', 'Broken')]);

    const response = await fetch(`${control.url}/schedules/broken/run`, { method: 'POST' });

    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      targets: [{ functionName: 'Broken', outcome: 'failed', error: { type: 'Error', message: 'Broken: boom' } }],
    });
  });

  it.each([
    ['an unknown schedule', 'POST', '/schedules/nope/run', 404, 'schedule_not_found'],
    ['an undecodable name', 'POST', '/schedules/%E0%A4%A/run', 404, 'schedule_not_found'],
    ['an unknown path', 'GET', '/queues', 404, 'route_not_found'],
    ['GET on a run', 'GET', '/schedules/nightly-digest/run', 405, 'method_not_allowed'],
    ['POST on the list', 'POST', '/schedules', 405, 'method_not_allowed'],
  ])('answers %s with a JSON error and fires nothing', async (_case, method, path, status, code) => {
    await serve([aSchedule('nightly-digest', 'Digest')]);

    const response = await fetch(`${control.url}${path}`, { method });

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({ error: { code } });
    expect(invoked).toEqual([]);
  });
});
