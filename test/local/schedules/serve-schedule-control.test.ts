import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalSchedule } from '../../../local/schedules/read-schedules.ts';
import { serveScheduleControl, type ScheduleControl } from '../../../local/schedules/serve-schedule-control.ts';
import { startSchedules, type LocalScheduler } from '../../../local/schedules/start-schedules.ts';
import { aLocalSchedule } from './a-local-schedule.ts';

const aSchedule = (name: string, functionName: string): LocalSchedule =>
  aLocalSchedule('cron(0 3 * * ? *)', { name, timeZone: 'Asia/Tokyo', targets: [{ functionName, input: '{"kind":"digest"}' }] });

/** node:http rather than fetch: fetch will not send a Host header other than the URL's, nor a Sec-Fetch-Site. */
const sendRaw = (url: string, method: string, headers: Record<string, string>, body?: string) =>
  new Promise<{ status: number; contentType: string | undefined; json: any }>((resolve, reject) => {
    const outgoing = request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'], json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });

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

  describe('on a developer’s machine, where any web page can reach 127.0.0.1', () => {
    const port = () => Number(new URL(control.url).port);
    const runUrl = () => `${control.url}/schedules/nightly-digest/run`;

    it.each([
      ['another name (DNS rebinding)', (p: number) => `rebound.example:${p}`],
      ['127.0.0.1 without the port', () => '127.0.0.1'],
      ['localhost on another port', (p: number) => `localhost:${p + 1}`],
      ['an address it does not listen on', (p: number) => `[::1]:${p}`],
    ])('answers 421 to a Host naming %s and fires nothing', async (_case, host) => {
      await serve([aSchedule('nightly-digest', 'Digest')]);

      const run = await sendRaw(runUrl(), 'POST', { host: host(port()) });
      const list = await sendRaw(`${control.url}/schedules`, 'GET', { host: host(port()) });

      for (const answer of [run, list]) {
        expect(answer.status).toBe(421);
        expect(answer.contentType).toBe('application/json');
        expect(answer.json).toMatchObject({ error: { code: 'misdirected_request', message: expect.stringContaining('127.0.0.1') } });
      }
      expect(invoked).toEqual([]);
    });

    it.each([
      ['a page of another port (a text/plain POST, Sec-Fetch-Site: same-site)', { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:9' }],
      ['a page of another site', { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }],
      ['an Origin alone (a browser without Fetch Metadata)', { origin: 'http://localhost:9' }],
      ['an opaque Origin (sandboxed frame, file:)', { origin: 'null' }],
      ['Sec-Fetch-Site alone', { 'sec-fetch-site': 'cross-site' }],
    ])('refuses a run from %s with 403 and fires nothing', async (_case, headers) => {
      await serve([aSchedule('nightly-digest', 'Digest')]);

      const answer = await sendRaw(runUrl(), 'POST', { host: `127.0.0.1:${port()}`, 'content-type': 'text/plain', ...headers }, '{}');

      expect(answer.status).toBe(403);
      expect(answer.json).toMatchObject({ error: { code: 'cross_origin_refused' } });
      expect(invoked).toEqual([]);
    });

    it.each([
      ['curl (neither header)', '127.0.0.1', {}],
      ['curl to localhost', 'localhost', {}],
      ['the user’s own navigation (Sec-Fetch-Site: none)', '127.0.0.1', { 'sec-fetch-site': 'none' }],
      ['its own origin', '127.0.0.1', { 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:PORT' }],
    ])('fires a schedule for %s', async (_case, name, headers) => {
      await serve([aSchedule('nightly-digest', 'Digest')]);
      const withPort = Object.fromEntries(Object.entries(headers).map(([header, value]) => [header, value.replace('PORT', String(port()))]));

      const answer = await sendRaw(runUrl(), 'POST', { host: `${name}:${port()}`, ...withPort });

      expect(answer.status).toBe(200);
      expect(invoked).toEqual([['Digest', { kind: 'digest' }]]);
    });
  });
});
