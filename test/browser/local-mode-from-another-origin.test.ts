import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually } from '../integration/helpers/pipeline-connection.ts';
import { useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
// DNS rebinding in one switch: a name of the attacker's that resolves to this machine.
const reboundName = 'rebound.test';
// Chromium's Local Network Access check stops a page served from a public address from reaching
// loopback afterwards (asking the user, in time); Firefox and Safari have none. It is off here, so
// that what the tests see is what the local servers themselves refuse.
const chromium = useChromium({ extraArgs: [`--host-resolver-rules=MAP ${reboundName} 127.0.0.1`, '--disable-features=LocalNetworkAccessChecks'] });

// A page on another origin of this machine: another port of 127.0.0.1, as any dev server, or a
// page a public site embeds, has. Sec-Fetch-Site calls it same-site: ports do not make sites.
let elsewhere: Server;
let elsewhereUrl: string;
beforeAll(async () => {
  elsewhere = createServer((_request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><html lang="en"><title>Elsewhere</title><p>A page on another origin.</p></html>');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => elsewhere.close(() => resolve())));

/**
 * A DNS-rebinding attack on the local server at `url`, in one page: the attacker's page, served
 * under the rebound name with the server's port (Playwright stands in for the attacker's server
 * before the switch), whose own-origin requests then reach 127.0.0.1.
 */
const reboundPageFor = async (url: string) => {
  const page = await chromium.openPage({});
  const attackUrl = `http://${reboundName}:${new URL(url).port}/attack`;
  await page.route(attackUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Rebound</title><p>A public page, rebound.</p></html>' }),
  );
  await page.goto(attackUrl);
  return page;
};

const pageElsewhere = async () => {
  const page = await chromium.openPage({});
  await page.goto(elsewhereUrl);
  return page;
};

/** The SLA watcher's log: the runtime writes a START line per invocation, the watcher one "run done" line with its `now`. */
const watcherLog = async (): Promise<string[]> =>
  (await readFile(join(pipeline.dataDir!, 'logs', 'watch-escalation-slas.log'), 'utf8').catch(() => '')).split('\n');
const invocationsIn = (lines: readonly string[]) => lines.filter((line) => line.startsWith('START RequestId: ')).length;
const runDoneAtOrAfter = (lines: readonly string[], time: string) =>
  lines.some((line) => {
    try {
      const entry = JSON.parse(line) as { message?: string; now?: string };
      return entry.message === 'SLA watcher run done' && entry.now !== undefined && entry.now >= time;
    } catch {
      return false;
    }
  });

describe('local mode, seen from a web page on another origin of this machine', () => {
  it('cannot call the local user pool (create a user, sign in), which answers only the console’s origin', async () => {
    const page = await pageElsewhere();
    // Chromium reports no response for a request that fails CORS; the page's no-cors POST below shows the server's answer.
    const poolAnswer = page.waitForResponse((response) => response.url() === pipeline.userPool.endpoint && response.request().method() === 'POST');
    const admin = pipeline.demoUsers.find((user) => user.userId === 'admin-grace')!;
    // What a hostile page would run: make itself an admin, or sign in as one with a password it guessed right.
    const attempt = await page.evaluate(
      async ({ endpoint, poolId, clientId, password }) => {
        const call = (target: string, body: unknown) =>
          fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
            body: JSON.stringify(body),
          }).then(
            (response) => response.status,
            () => 'blocked',
          );
        const attempt = {
          createUser: await call('AdminCreateUser', { UserPoolId: poolId, Username: 'mallory', TemporaryPassword: 'Mallory-Pass-1!' }),
          signIn: await call('InitiateAuth', {
            ClientId: clientId,
            AuthFlow: 'USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'admin-grace', PASSWORD: password },
          }),
        };
        // As a form or a beacon would send it, with no preflight: unreadable to the page, answered all the same.
        await fetch(endpoint, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' });
        return attempt;
      },
      { ...pipeline.userPool, password: admin.password! },
    );

    expect(attempt).toEqual({ createUser: 'blocked', signIn: 'blocked' });
    expect((await poolAnswer).status()).toBe(403);
    // Positive control: the same sign-in from the console's own origin (its page) is answered.
    const console = await chromium.openPage({});
    await console.goto(`${pipeline.apiUrl}/console`);
    const signedIn = await console.evaluate(
      async ({ endpoint, clientId, password }) =>
        (
          await fetch(endpoint, {
            method: 'POST',
            headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
            body: JSON.stringify({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'admin-grace', PASSWORD: password } }),
          })
        ).status,
      { ...pipeline.userPool, password: admin.password! },
    );
    expect(signedIn).toBe(200);
  });

  it('cannot fire a schedule with a text/plain POST, which needs no preflight', async () => {
    const { schedules } = (await (await fetch(`${pipeline.controlUrl}/schedules`)).json()) as { schedules: { name: string; logicalId: string }[] };
    const watcher = schedules.find((schedule) => /WatchSchedule/.test(schedule.logicalId));
    if (watcher === undefined) throw new Error(`no SLA watcher schedule among ${schedules.map((schedule) => schedule.logicalId).join(', ')}`);
    const runUrl = `${pipeline.controlUrl}/schedules/${encodeURIComponent(watcher.name)}/run`;
    const before = invocationsIn(await watcherLog());
    const page = await pageElsewhere();
    const refusal = page.waitForResponse((response) => response.url() === runUrl);

    // no-cors: the page cannot read the answer, and needs not; a run fires before any answer is read.
    await page.evaluate(async (url) => {
      await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' });
    }, runUrl);

    // Positive control, fired once the page's request has been answered: curl's run is logged, and
    // a run of the page's would have been logged before it.
    const control = await fetch(runUrl, { method: 'POST' });
    expect(control.status).toBe(200);
    const { scheduledTime } = (await control.json()) as { scheduledTime: string };
    const lines = await eventually(
      async () => {
        const current = await watcherLog();
        return runDoneAtOrAfter(current, scheduledTime) ? current : undefined;
      },
      15_000,
      'the positive control’s run in the SLA watcher log',
    );
    expect(invocationsIn(lines)).toBe(before + 1);
    expect((await refusal).status()).toBe(403);
  });

  it('is refused by the gateway when a rebound name points at it', async () => {
    const page = await chromium.openPage({});
    const rebound = `http://${reboundName}:${new URL(pipeline.apiUrl).port}`;

    const console = await page.goto(`${rebound}/console`);

    expect(console?.status()).toBe(403);
    expect(await console?.text()).toBe('{"message":"Forbidden"}');
  });

  it('gets no key from the local Secrets Manager through a rebound name', async () => {
    const secretId = Object.values(pipeline.secrets)[0]!;
    const keys = Object.values(JSON.parse(await readFile(join(pipeline.dataDir!, 'secrets.json'), 'utf8')) as Record<string, string>);
    // What the functions send: the endpoint answers it by name (positive control).
    const getSecretValue = { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' } };
    const direct = await fetch(pipeline.secretsEndpoint, { ...getSecretValue, body: JSON.stringify({ SecretId: secretId }) });
    expect(direct.status).toBe(200);
    const page = await reboundPageFor(pipeline.secretsEndpoint);

    // Same-origin for the page, so no preflight stands in the way of the SDK's headers.
    const asked = await page.evaluate(
      async ({ request, secretId }) => {
        const answer = await fetch('/', { ...request, body: JSON.stringify({ SecretId: secretId }) });
        return { status: answer.status, text: await answer.text() };
      },
      { request: getSecretValue, secretId },
    );

    expect(asked.status).toBe(421);
    for (const key of keys) expect(asked.text).not.toContain(key);
  });

  it('sees no table through the data browser under a rebound name', async () => {
    const direct = await fetch(`${pipeline.dataBrowserUrl}/api/tables`);
    expect(await direct.text()).toContain(pipeline.tableName);
    const page = await reboundPageFor(pipeline.dataBrowserUrl);

    const tables = await page.evaluate(async () => {
      const answer = await fetch('/api/tables');
      return { status: answer.status, text: await answer.text() };
    });

    expect(tables.status).toBe(421);
    expect(tables.text).not.toContain(pipeline.tableName);
  });
});
