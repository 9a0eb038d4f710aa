// The supervisor console and the complaint status page in Chromium through the local pipeline:
// bytes transferred (HTML + JS + CSS, as sent gzipped and unpacked) and time to first render
// (first-contentful-paint) and to a usable page, over N loads each in a fresh browser context
// (empty cache). Starts its own pipeline under .data/bench-console.
// Usage: npx tsx bench/console-pages.ts [loads=10]
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { DynamoDbEscalationStore } from '../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { startLocalPipeline } from '../local/start-local-pipeline.ts';
import { anEscalation } from '../test/helpers/escalation-fixtures.ts';
import { launchChromium } from '../test/browser/chromium.ts';
import { CONSOLE_BUNDLE_BUDGET_GZIP_BYTES } from '../infra/constructs/supervisor-console.ts';
import { median, printTable } from './table.ts';

const loads = Number(process.argv[2] ?? 10);
const dataDir = fileURLToPath(new URL('../.data/bench-console/', import.meta.url));
await rm(dataDir, { recursive: true, force: true });
const pipeline = await startLocalPipeline({ dataDir, port: 0 });

interface Load {
  readonly transferred: number;
  readonly unpacked: number;
  readonly firstPaint: number;
  readonly ready: number;
}

/** One cold load: the navigation and its same-origin scripts and styles, from the browser's own resource timing. */
const measure = async (browser: Browser, url: string, readySelector: string): Promise<Load> => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  const startedAt = Date.now();
  await page.goto(url);
  await page.waitForSelector(readySelector);
  const ready = Date.now() - startedAt;
  await page.waitForFunction("performance.getEntriesByName('first-contentful-paint').length > 0");
  const timing = (await page.evaluate(`(() => {
    const entries = [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource').filter((entry) => ['script', 'link', 'css'].includes(entry.initiatorType))];
    return {
      transferred: entries.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      unpacked: entries.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    };
  })()`)) as Omit<Load, 'ready'>;
  await context.close();
  return { ...timing, ready };
};

const browser = await launchChromium();
try {
  const filed = await fetch(`${pipeline.apiUrl}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', category: 'other', description: 'console bench', locale: 'ja' }),
  });
  const { statusUrl, reference } = (await filed.json()) as { statusUrl: string; reference: string };
  const dynamodb = new DynamoDBClient({
    endpoint: pipeline.dynamodbEndpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await new DynamoDbEscalationStore(dynamodb, pipeline.tableName).create(anEscalation(), reference);
  // Warm both functions once: the numbers are for a warm local pipeline and a cold browser cache.
  await measure(browser, `${pipeline.apiUrl}/console`, 'button[data-user]');
  await measure(browser, statusUrl, '#status');
  const rows = [];
  for (const [name, url, ready] of [
    ['console (sign-in page)', `${pipeline.apiUrl}/console`, 'button[data-user]'],
    ['complaint status page', statusUrl, '#status'],
  ] as const) {
    const runs: Load[] = [];
    for (let i = 0; i < loads; i++) runs.push(await measure(browser, url, ready));
    rows.push([
      name,
      String(median(runs.map((run) => run.transferred))),
      String(median(runs.map((run) => run.unpacked))),
      median(runs.map((run) => run.firstPaint)).toFixed(0),
      Math.max(...runs.map((run) => run.firstPaint)).toFixed(0),
      median(runs.map((run) => run.ready)).toFixed(0),
    ]);
  }
  printTable(
    `Pages in Chromium, ${loads} cold loads each (median; bytes of HTML + JS + CSS; the console's JS + CSS budget: ${CONSOLE_BUNDLE_BUDGET_GZIP_BYTES} bytes gzipped)`,
    ['page', 'sent bytes', 'unpacked bytes', 'FCP ms', 'FCP max ms', 'usable ms'],
    rows,
  );
} finally {
  await browser.close();
  await pipeline.stop();
}
