import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveLoopbackHostsOnly } from '../loopback-guard/serve-loopback-hosts-only.ts';
import type { LocalScheduler } from './start-schedules.ts';

export interface ScheduleControl {
  /** `controlUrl` in local.json: `GET /schedules`, `POST /schedules/{name}/run`. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves the local control endpoint on 127.0.0.1 (a free port): `GET /schedules` lists every
 * schedule with its next fire time on the scheduler's clock; `POST /schedules/{name}/run` fires
 * one now and answers with each target's outcome (200 when every invocation succeeded, 502 when
 * one failed); an unknown schedule is 404. Errors have the API's shape, `{ error: { code, message } }`.
 * Any web page can send requests to 127.0.0.1, so a Host other than 127.0.0.1 or localhost with
 * its port is 421, and a request a browser marks as from another origin (`Origin`,
 * `Sec-Fetch-Site`) is 403, before anything runs; curl sends neither header.
 *
 * @example
 * const control = await serveScheduleControl(scheduler);
 * await fetch(`${control.url}/schedules/nightly-digest/run`, { method: 'POST' });
 */
export async function serveScheduleControl(scheduler: LocalScheduler): Promise<ScheduleControl> {
  const reply = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body, null, 2)}\n`);
  };
  const server = createServer((request, response) => {
    // The body is never read: drain it so the connection can be reused.
    request.resume();
    const path = new URL(request.url ?? '/', 'http://control').pathname;
    if (path === '/schedules') {
      if (request.method !== 'GET') return reply(response, 405, { error: { code: 'method_not_allowed', message: 'GET /schedules lists the schedules' } });
      return reply(response, 200, { now: scheduler.now().toISOString(), schedules: scheduler.list() });
    }
    const run = /^\/schedules\/([^/]+)\/run$/.exec(path);
    if (run === null) return reply(response, 404, { error: { code: 'route_not_found', message: `No control route ${path}` } });
    if (request.method !== 'POST') return reply(response, 405, { error: { code: 'method_not_allowed', message: 'POST fires a schedule' } });
    let name: string;
    try {
      name = decodeURIComponent(run[1]!);
    } catch {
      return reply(response, 404, { error: { code: 'schedule_not_found', message: `No schedule named ${run[1]}` } });
    }
    void scheduler.run(name).then(
      (fired) => {
        if (fired === undefined) return reply(response, 404, { error: { code: 'schedule_not_found', message: `No schedule named ${name}` } });
        reply(response, fired.targets.every((target) => target.outcome === 'succeeded') ? 200 : 502, fired);
      },
      (error: Error) => reply(response, 500, { error: { code: 'run_failed', message: error.message } }),
    );
  });
  // Other Hosts get 421, pages of other origins 403: a page's text/plain POST needs no preflight,
  // so without the origin check any page could fire a schedule.
  serveLoopbackHostsOnly(server, { serverName: 'The control endpoint' });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
