import type { RegionCalendarView } from '../../functions/escalation/contracts/supervisor-api.ts';
import { describe, expect, inject, it } from 'vitest';
import { connectTo } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, signInToConsole, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const chromium = useChromium();
const RELOAD = { timeout: 10_000 };
const zone = 'America/New_York';

const shown = (day: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
const asAdmin = (method: string, path: string, body?: unknown) =>
  api.request(method, path, {
    headers: { authorization: `Bearer ${pipeline.supervisorTokens['admin-grace']}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('holiday calendars in the console', () => {
  it('lets an admin add a company holiday and mark a public holiday as worked, without a deploy, and restore both', async ({ task }) => {
    const { calendars } = (await asAdmin('GET', '/calendars')).json as { calendars: { region: string; upcoming: string[] }[] };
    const us = calendars.find(({ region }) => region === 'us')!;
    // A weekday three weeks on that is no holiday yet, and the region's next public holiday.
    const dayOff = [...Array(14).keys()]
      .map((offset) => new Date(Date.now() + (21 + offset) * 86_400_000).toISOString().slice(0, 10))
      .find((day) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) && !us.upcoming.includes(day))!;
    const publicHoliday = us.upcoming[0]!;

    const page = await chromium.openPage({ locale: 'en-GB', timezoneId: zone });
    await signInToConsole(page, pipeline, 'admin-grace');
    await expect.poll(() => page.textContent('#holidays-heading'), RELOAD).toBe('Holiday calendars');
    expect(await page.locator('#holidays article.region').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-region')))).toEqual([
      'jp',
      'uk',
      'us',
    ]);
    const region = page.locator('article[data-region="us"]');
    expect(await region.textContent()).toContain('Holidays are listed through 31 Dec 2027');

    await region.getByLabel('Holiday', { exact: true }).fill(dayOff);
    await region.getByRole('button', { name: 'Add holiday' }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Holidays of us saved; SLA clocks count them within a minute.');
    expect(await region.locator('.holiday-list li').allTextContents()).toContain(`${shown(dayOff)} (added) Remove`);
    await region.getByRole('button', { name: `Remove: ${shown(publicHoliday)}` }).click();
    await expect.poll(() => region.locator('.worked-days').textContent(), RELOAD).toBe(`Worked (removed): ${shown(publicHoliday)} Restore `);
    await screenshot(page, task.name, '1-added-and-worked');

    // The API counts it so: the removed day is no longer one of the region's holidays.
    const stored = (await asAdmin('GET', '/calendars')).json as { calendars: { region: string; added: string[]; removed: string[]; upcoming: string[] }[] };
    expect(stored.calendars.find(({ region: name }) => name === 'us')).toMatchObject({ added: [dayOff], removed: [publicHoliday] });
    expect(stored.calendars.find(({ region: name }) => name === 'us')!.upcoming).not.toContain(publicHoliday);

    await region.getByRole('button', { name: `Restore: ${shown(publicHoliday)}` }).click();
    await expect.poll(() => region.locator('.worked-days').count(), RELOAD).toBe(0);
    await region.getByRole('button', { name: `Remove: ${shown(dayOff)}` }).click();
    await expect.poll(async () => (await region.locator('.holiday-list li').allTextContents()).some((line) => line.includes('(added)')), RELOAD).toBe(false);
    const restored = (await asAdmin('GET', '/calendars')).json as { calendars: { region: string; added: string[]; removed: string[] }[] };
    expect(restored.calendars.find(({ region: name }) => name === 'us')).toMatchObject({ added: [], removed: [] });
  });

  it("lets an admin set a region's working week (Saturdays, a shorter day) without a deploy, and set it back", async ({ task }) => {
    const page = await chromium.openPage({ locale: 'en-GB', timezoneId: zone });
    await signInToConsole(page, pipeline, 'admin-grace');
    const jp = page.locator('article[data-region="jp"]');
    await expect
      .poll(() => jp.locator('.working-week').textContent(), RELOAD)
      .toBe('Works Mon, Tue, Wed, Thu, Fri, 09:00\u201312:00, 13:00\u201318:00 (as deployed). SLA clocks count only this time.');
    await jp.getByLabel('Sat').check();
    await jp.getByLabel('Closes again').fill('17:30');
    await jp.getByRole('button', { name: 'Save working week' }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Working week of jp saved; SLA clocks count by it within a minute.');
    expect(await jp.locator('.working-week').textContent()).toBe(
      'Works Mon, Tue, Wed, Thu, Fri, Sat, 09:00\u201312:00, 13:00\u201317:30 (set by an administrator). SLA clocks count only this time.',
    );
    const { calendars } = (await asAdmin('GET', '/calendars')).json as { calendars: { region: string; workingDays: string[]; weekChanged: boolean }[] };
    expect(calendars.find(({ region }) => region === 'jp')).toMatchObject({ workingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'], weekChanged: true });
    await screenshot(page, task.name, '1-saturdays');

    // Overlapping windows are the API's to refuse, beside the region, with its reason.
    await jp.getByLabel('Opens again (optional)').fill('11:00');
    await jp.getByRole('button', { name: 'Save working week' }).click();
    await expect.poll(() => jp.locator('.refusal').textContent(), RELOAD).toMatch(/^Please check the text: .*must not overlap/);

    // Back to the deployed week, so the other tests of this pipeline count the time they expect.
    await jp.getByLabel('Sat').uncheck();
    await jp.getByLabel('Opens again (optional)').fill('13:00');
    await jp.getByLabel('Closes again').fill('18:00');
    await jp.getByRole('button', { name: 'Save working week' }).click();
    await expect
      .poll(() => jp.locator('.working-week').textContent(), RELOAD)
      .toBe('Works Mon, Tue, Wed, Thu, Fri, 09:00\u201312:00, 13:00\u201318:00 (set by an administrator). SLA clocks count only this time.');
  });

  it('warns an admin, in Japanese too, when a calendar ends within 60 days', async ({ task }) => {
    const page = await chromium.openPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    // The calendars' end is years away on this pipeline: the answer of a later day is replayed (the API's count is tested in the integration and unit suites).
    await page.route('**/calendars', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          calendars: [
            {
              region: 'us',
              timeZone: zone,
              upcoming: ['2027-12-24', '2027-12-31'],
              added: [],
              removed: [],
              workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
              hours: [{ from: '09:00', to: '17:00' }],
              weekChanged: false,
              holidaysThrough: '2027-12-31',
              daysLeft: 46,
              endingSoon: true,
            },
          ],
        } satisfies { calendars: RegionCalendarView[] }),
      }),
    );
    await signInToConsole(page, pipeline, 'admin-grace');
    const warning = page.locator('article[data-region="us"] .calendar-ending');
    await expect.poll(() => warning.textContent(), RELOAD).toMatch(/^このカレンダーは 2027\/12\/31 に終わります（あと 46 日）。/);
    expect(await warning.getAttribute('role')).toBe('alert');
    await screenshot(page, task.name, '1-ending-ja');
  });

  it('shows no holiday calendars to a lead', async () => {
    const page = await chromium.openPage({ locale: 'en-GB', timezoneId: zone });
    await signInToConsole(page, pipeline, 'lead-general-chloe');
    await expect.poll(() => page.textContent('#away-heading'), RELOAD).toBe('Away dates');
    expect(await page.locator('#holidays').textContent()).toBe('');
  });
});
