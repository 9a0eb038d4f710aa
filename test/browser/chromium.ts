import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Where screenshots go: one per step, and one of the page as it stood when a test failed. */
export const SCREENSHOT_DIR = join(import.meta.dirname, '../../test-results/browser');

/** Debian's chromium (`apt-get install chromium`), which `.ci/run` installs when it is missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium the way CI can run it: no sandbox (containers), no GPU, no background traffic. */
export const launchChromium = async (): Promise<Browser> => {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
};

/** Saves a full-page screenshot named after the test and the step. */
export const screenshot = (page: Page, testName: string, step: string) =>
  page.screenshot({ path: join(SCREENSHOT_DIR, `${testName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80)}--${step}.png`), fullPage: true });

/**
 * Chromium for one test file: launched before its tests, every page a test opened screenshotted
 * when that test fails, its contexts closed after each test and the browser after the last.
 * `openPage` takes Playwright's context options (locale, time zone, `bypassCSP` for axe).
 *
 * @example
 * ```ts
 * const { openPage } = useChromium();
 * it('…', async () => { const page = await openPage({ locale: 'ja-JP' }); });
 * ```
 */
export const useChromium = () => {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
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
