import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { PipelineConnection } from '../integration/helpers/pipeline-connection.ts';

/** Where screenshots go: one per step, and one of the page as it stood when a test failed. */
const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-results/browser');

/** Debian's chromium (`apt-get install chromium`), which `.ci/run` installs when it is missing. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The ids of axe-core's serious and critical violations on the page as it stands. axe runs as an
 * injected script, which the pages' CSP rightly forbids: open the page with `bypassCSP: true`.
 *
 * @example
 * ```ts
 * expect(await seriousViolations(page)).toEqual([]);
 * ```
 */
export const seriousViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ path: axeSource });
  const results = (await page.evaluate('axe.run()')) as { violations: { id: string; impact: string | null }[] };
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
};

/**
 * Signs in to the supervisor console as one of the demo users, with the password start-up gave
 * them, through the console's own form and the emulated user pool, at `hash` (such as
 * `#escalation=<id>`), and waits until the console shows who is signed in.
 *
 * @example
 * ```ts
 * await signInToConsole(page, pipeline, 'sup-japan-yui', `#escalation=${id}`);
 * ```
 */
export const signInToConsole = async (page: Page, pipeline: Pick<PipelineConnection, 'apiUrl' | 'demoUsers'>, userId: string, hash = ''): Promise<void> => {
  const password = pipeline.demoUsers.find((user) => user.userId === userId)?.password;
  if (password === undefined) throw new Error(`no password for demo user ${userId}`);
  await page.goto(`${pipeline.apiUrl}/console${hash}`);
  await page.locator('#user-name').fill(userId);
  await page.locator('#password').fill(password);
  await page.locator('#sign-in-form button[type=submit]').click();
  await page.locator('#sign-out').waitFor();
};

/**
 * Starts headless Chromium the way CI can run it: no sandbox (containers), no GPU, no background
 * traffic; `extraArgs` adds switches (such as `--host-resolver-rules`).
 */
export const launchChromium = async (extraArgs: readonly string[] = []): Promise<Browser> => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', ...extraArgs],
  });
};

/** Saves a full-page screenshot named after the test and the step. */
export const screenshot = (page: Page, testName: string, step: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${testName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}--${step}.png`), fullPage: true });

/**
 * Chromium for one test file: launched before its tests, every page a test opened screenshotted
 * when that test fails, its contexts closed after each test and the browser after the last.
 * `openPage` takes Playwright's context options (locale, time zone, `bypassCSP` for axe); `extraArgs`
 * goes to {@link launchChromium}.
 *
 * @example
 * ```ts
 * const { openPage } = useChromium();
 * it('…', async () => { const page = await openPage({ locale: 'ja-JP' }); });
 * ```
 */
export const useChromium = (options: { readonly extraArgs?: readonly string[] } = {}) => {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchChromium(options.extraArgs);
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') {
      for (const [index, page] of pages.entries()) await screenshot(page, task.name, `failure-${index}`).catch(() => undefined);
    }
    for (const context of contexts.splice(0)) await context.close();
    pages.splice(0);
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    openPage: async (options: BrowserContextOptions): Promise<Page> => {
      if (browser === undefined) throw new Error('useChromium: Chromium is not running (call openPage inside a test)');
      const context = await browser.newContext(options);
      contexts.push(context);
      const page = await context.newPage();
      pages.push(page);
      return page;
    },
  };
};
