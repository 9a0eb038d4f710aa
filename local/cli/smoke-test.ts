// `npm run smoke -- <ApiUrl> [--integration-key <key>]`: after a deploy, one complaint through the
// deployed pipeline, end to end, and the pages a person opens. It files a complaint (category
// `other`, from SES's mailbox simulator, so the acknowledgement costs no sending reputation), reads
// its status link until the consumer has stored it, and loads the console; with the support
// system's key, one read behind the integration authorizer. Every step prints its time; any
// failure exits 1 naming the step.
import { parseArgs } from 'node:util';

const usage = 'Usage: npm run smoke -- <ApiUrl> [--integration-key <key>] [--timeout-seconds <n>]';
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

const { positionals, values } = (() => {
  try {
    return parseArgs({ allowPositionals: true, options: { 'integration-key': { type: 'string' }, 'timeout-seconds': { type: 'string' } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
})();
if (positionals.length !== 1) fail(usage);
const apiUrl = positionals[0]!.replace(/\/+$/, '');
if (!/^https?:\/\/[^/]+/.test(apiUrl)) fail(`${apiUrl} is not a URL.\n${usage}`);
const timeoutMs = Number(values['timeout-seconds'] ?? 60) * 1000;

const started = performance.now();
const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const at = performance.now();
  try {
    const result = await run();
    console.log(`ok   ${name} (${Math.round(performance.now() - at)} ms)`);
    return result;
  } catch (error) {
    return fail(`FAIL ${name}: ${(error as Error).message}`);
  }
};
const expectStatus = async (response: Response, expected: number, what: string) => {
  if (response.status !== expected) throw new Error(`${what} answered ${response.status}, not ${expected}: ${(await response.text()).slice(0, 300)}`);
  return response;
};

const filed = await step('POST /complaints is accepted (202)', async () => {
  const response = await fetch(`${apiUrl}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `smoke-${Date.now()}` },
    body: JSON.stringify({
      // SES's mailbox simulator: accepted and delivered without a real mailbox or a bounce.
      email: 'success@simulator.amazonses.com',
      category: 'other',
      description: `Smoke test after a deploy, ${new Date().toISOString()}: resolve it in the console.`,
    }),
  });
  await expectStatus(response, 202, 'POST /complaints');
  return { ...((await response.json()) as { reference: string; statusUrl: string }), requestId: response.headers.get('apigw-requestid') };
});
console.log(`     reference ${filed.reference}; its log lines carry correlation_id ${filed.requestId ?? '(no apigw-requestid answered)'}`);

await step('the status link reports it stored by the consumer (through the queue and the table)', async () => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await expectStatus(await fetch(filed.statusUrl), 200, 'GET the status link');
    const { status } = (await response.json()) as { status: string };
    if (status !== 'queued') return status;
    if (Date.now() > deadline) throw new Error(`still queued after ${timeoutMs / 1000} s: look at the complaint queue's consumer (docs/runbook.md)`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
});

await step('GET /console serves the supervisor console', async () => {
  const response = await expectStatus(await fetch(`${apiUrl}/console`), 200, 'GET /console');
  if (!(await response.text()).includes('<html')) throw new Error('GET /console answered 200 without a page');
});

if (values['integration-key'] !== undefined) {
  const key = values['integration-key'];
  await step('the integration authorizer admits the support system’s key', async () => {
    const response = await fetch(`${apiUrl}/cases/SMOKE-TEST/survey-decisions`, { headers: { authorization: `Bearer ${key}` } });
    await expectStatus(response, 200, 'GET /cases/{caseId}/survey-decisions');
  });
}
console.log(`Smoke test passed in ${Math.round(performance.now() - started)} ms.`);
