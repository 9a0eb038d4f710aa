import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalPipeline } from '../../local/start-local-pipeline.ts';
import { findFreePort } from '../../local/start-up/find-free-port.ts';
import { createFixtureApp } from './fixtures/fixture-app.ts';

// Under the project so the fixture bundles resolve the AWS SDK from its node_modules.
const projectDataDir = fileURLToPath(new URL('../../.data/', import.meta.url));
await mkdir(projectDataDir, { recursive: true });
const dataDir = await mkdtemp(join(projectDataDir, 'test-restart-'));
afterAll(() => rm(dataDir, { recursive: true, force: true }));

// The authorizer's cold start takes 4 s, past its 3 s timeout: what a busy 2-core machine made of
// authorize-integration's, every function starting at once. Deterministic where load is not.
const slowAuthorizerApp = (props: { outdir: string }) => createFixtureApp({ ...props, authorizerInitDelayMs: 4_000 });

interface Call {
  readonly route: string;
  readonly status: number;
  readonly sentBeforeReady: boolean;
  readonly answeredBeforeReady: boolean;
}

describe('a local pipeline restarting under load', () => {
  it('answers the integration calls made while it starts once it is ready, and never with 500', async () => {
    // Prepare: a first run creates the integration key; the second starts on the same port.
    const port = await findFreePort();
    const first = await startLocalPipeline({ dataDir, port, createApp: slowAuthorizerApp });
    const key = first.integrationKey!;
    await first.stop();

    // Act: callers from before the start until each had five calls answered after it: four on the
    // integration route, two on a route without an authorizer, whose function is warm within ms.
    let ready = false;
    const calls: Call[] = [];
    const caller = async (route: 'POST /cases/resolved' | 'GET /items/x'): Promise<void> => {
      const [method, path] = route.split(' ') as [string, string];
      const init = method === 'POST' ? { body: '{}', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } } : {};
      let answeredAfterReady = 0;
      while (answeredAfterReady < 5) {
        const sentBeforeReady = !ready;
        try {
          const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, ...init });
          await response.body?.cancel();
          calls.push({ route, status: response.status, sentBeforeReady, answeredBeforeReady: !ready });
          if (ready) answeredAfterReady += 1;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20)); // not listening yet
        }
      }
    };
    const routes = [...Array<'POST /cases/resolved'>(4).fill('POST /cases/resolved'), 'GET /items/x', 'GET /items/x'] as const;
    const callers = Promise.all(routes.map(caller));
    const second = await startLocalPipeline({ dataDir, port, createApp: slowAuthorizerApp });
    ready = true;
    try {
      await callers;
    } finally {
      await second.stop();
    }

    // Assess: calls on both routes reached it before it was ready; none was answered before, none with 500.
    expect(new Set(calls.filter((call) => call.sentBeforeReady).map((call) => call.route))).toEqual(new Set(routes));
    expect(calls.filter((call) => call.answeredBeforeReady)).toEqual([]);
    expect(new Set(calls.map((call) => `${call.route} ${call.status}`))).toEqual(new Set(['POST /cases/resolved 200', 'GET /items/x 200']));
  }, 180_000);
});
