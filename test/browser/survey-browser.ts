import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

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
