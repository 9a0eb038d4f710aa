import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reportHistoryItems, writeItems } from '../helpers/report-history.ts';
import { localClientConfig } from '../../local/emulators/local-aws.ts';
import { connectTo, eventually } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, seriousViolations, signInToConsole, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const chromium = useChromium();
const dynamodb = new DynamoDBClient(localClientConfig(pipeline.dynamodbEndpoint));
afterAll(() => dynamodb.destroy());

// A quarter in 2025, which no other test writes into, read by a page whose clock stands at its
// last day: the report opens on the 13 ISO weeks from Monday 1 September to Sunday 30 November.
const PAGE_NOW = new Date('2025-11-30T12:00:00Z');
const WEEKS = 13;
// Confirmed CSAT answers per week: three weeks with fewer than 20 are gaps in the charts.
const CSAT_PER_WEEK = [24, 22, 20, 25, 5, 21, 23, 0, 20, 26, 3, 22, 24];
const GAP_WEEKS = [4, 7, 10];
// NPS answers (relationship surveys) in the first three weeks only; the other ten are gaps.
const NPS_PER_WEEK = [20, 20, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
// Invitations sent but never answered, per week, beside one per answer: the response rate.
const UNANSWERED_PER_WEEK = 10;

const team = `reports-${randomUUID().slice(0, 8)}`;
const agents = [`agent-a-${team}`, `agent-b-${team}`];
// Help-site articles: one mostly unhelpful, one helpful, one with too few answers to judge.
const articles = { unhelpful: `how-to-reset-${team}`, helpful: `getting-started-${team}`, few: `billing-faq-${team}` };

const seeded = {
  responses: CSAT_PER_WEEK.reduce((sum, count) => sum + count, 0) + NPS_PER_WEEK.reduce((sum, count) => sum + count, 0),
  feedback: 25 + 30 + 4,
};

const adminSummary = async (query: string) => {
  const answer = await api.request('GET', `/reports/summary?from=2025-09-01&to=2025-11-30&${query}`, {
    headers: { authorization: `Bearer ${pipeline.supervisorTokens['admin-grace']}` },
  });
  return answer.status === 200 ? answer.json : undefined;
};

beforeAll(async () => {
  await writeItems(
    dynamodb,
    pipeline.tableName,
    reportHistoryItems({
      id: team,
      firstMonday: '2025-09-01',
      csatPerWeek: CSAT_PER_WEEK,
      npsPerWeek: NPS_PER_WEEK,
      unansweredPerWeek: UNANSWERED_PER_WEEK,
      reportedAs: (index) => ({
        team,
        agent: agents[index % 2]!,
        product: index % 3 === 0 ? 'storage' : 'compute',
        region: 'APAC',
        language: 'ja',
        tier: 'premium',
      }),
      articles: [
        { articleId: articles.unhelpful, helpful: 8, unhelpful: 17 },
        { articleId: articles.helpful, helpful: 27, unhelpful: 3 },
        { articleId: articles.few, helpful: 1, unhelpful: 3 },
      ],
    }),
  );
  // The counters are kept by the aggregate-feedback stream consumer: wait until it counted everything.
  await eventually(
    async () => {
      const teams = await adminSummary(`interval=month&team=${team}`);
      const help = await adminSummary('interval=month&groupBy=article');
      const counted = (help?.groups ?? []).filter((group: { value: string }) => Object.values(articles).includes(group.value));
      const feedback = counted.reduce((sum: number, group: { feedback?: { feedback: number } }) => sum + (group.feedback?.feedback ?? 0), 0);
      const answered = (teams?.overall.csat.answers ?? 0) + (teams?.overall.nps.answers ?? 0);
      return answered === seeded.responses &&
        teams?.overall.responseRate.sent === seeded.responses + WEEKS * UNANSWERED_PER_WEEK &&
        feedback === seeded.feedback
        ? true
        : undefined;
    },
    150_000,
    'the seeded answers and feedback counted',
  );
}, 180_000);

const openReports = async (locale: string, timezoneId: string, userId: string, options: { bypassCSP?: boolean } = {}) => {
  const page = await chromium.openPage({ locale, timezoneId, acceptDownloads: true, ...options });
  await page.clock.setFixedTime(PAGE_NOW);
  await signInToConsole(page, pipeline, userId);
  // The first report (the default span) is shown before any filter is touched: its answer re-renders the form.
  await page.locator('#report-span').waitFor();
  return page;
};

const showTeam = async (page: Page) => {
  await page.locator('#report-team').fill(team);
  await page.locator('#report-group-by').selectOption('agent');
  await page.locator('#report-filters button[type=submit]').click();
  await page.locator('#report-breakdown table').waitFor();
};

describe.each([
  {
    locale: 'en-GB',
    lang: 'en',
    timezoneId: 'Europe/London',
    heading: 'Reports',
    firstWeek: '1 Sept',
    helpSite: 'Help site: articles by helpfulness',
    tooFew: 'Too few answers',
  },
  {
    locale: 'ja-JP',
    lang: 'ja',
    timezoneId: 'Asia/Tokyo',
    heading: 'レポート',
    firstWeek: '9月1日',
    helpSite: 'ヘルプサイト: 記事の役立ち度',
    tooFew: '回答が少ない',
  },
])('the console’s report view in $lang', ({ locale, lang, timezoneId, heading, firstWeek, helpSite, tooFew }) => {
  it('draws the trends with their intervals and gaps, the breakdown and the help-site view, and downloads the CSV', async ({ task }) => {
    const page = await openReports(locale, timezoneId, 'admin-grace', { bypassCSP: true });
    // The header's link leads to the reports, below the day's work.
    expect(await page.textContent('#reports-link')).toBe(heading);
    await page.locator('#reports-link').click();
    expect(await page.textContent('#reports-heading')).toBe(heading);
    // The default span: the 13 weeks ending on the page's today, in UTC.
    expect(await page.inputValue('#report-from')).toBe('2025-09-01');
    expect(await page.inputValue('#report-to')).toBe('2025-11-30');
    await showTeam(page);

    // One bucket per week: a dot per week with 20 answers or more, a gap (×) for the others, and
    // the line and band broken at each gap.
    const csat = page.locator('#chart-csat');
    expect(await csat.locator('circle.point').count()).toBe(WEEKS - GAP_WEEKS.length);
    expect(await csat.locator('g.gap').count()).toBe(GAP_WEEKS.length);
    expect(await csat.locator('path.band').count()).toBe(4);
    expect(await csat.locator('path.line').count()).toBe(4);
    expect(await csat.locator('.x-label').first().textContent()).toBe(firstWeek);
    const weekLabels = await csat.locator('.chart-table tbody th').allTextContents();
    const note = await csat.locator('.chart-note').textContent();
    for (const week of GAP_WEEKS) expect(note).toContain(weekLabels[week]);
    const nps = page.locator('#chart-nps');
    expect(await nps.locator('circle.point').count()).toBe(3);
    expect(await nps.locator('path.band').count()).toBe(1);
    expect(await nps.locator('g.gap').count()).toBe(WEEKS - 3);
    // Invitations sent count per week too: the weeks with fewer than 20 sent have no rate.
    expect(await page.locator('#chart-response-rate circle.point').count()).toBe(WEEKS - GAP_WEEKS.length);
    expect(await page.locator('#chart-volume g.bar').count()).toBe(WEEKS);
    expect(await page.locator('#chart-volume .bar-label').allTextContents()).toEqual(CSAT_PER_WEEK.map((count, week) => String(count + NPS_PER_WEEK[week]!)));
    // Each chart is named for a screen reader and has its figures as a table.
    expect(await page.locator('svg.trend-chart[role=img]').count()).toBe(4);
    expect(await csat.locator('.chart-table tbody tr').count()).toBe(WEEKS);
    expect(await csat.locator('.chart-table tbody tr').nth(GAP_WEEKS[0]!).textContent()).toContain(tooFew);

    // The breakdown by agent: both agents of the team, most counted first.
    const rows = page.locator('#report-breakdown tbody tr');
    expect(await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-value')))).toEqual(expect.arrayContaining(agents));
    expect(await rows.count()).toBe(2);

    // The help-site view: least helpful first, too few answers last, with counts.
    const help = page.locator('#help-site');
    expect(await help.locator('h3').textContent()).toBe(helpSite);
    const listed = await help.locator('tbody tr').evaluateAll((found) => found.map((row) => row.getAttribute('data-value')));
    const ours = listed.filter((article) => Object.values(articles).includes(article ?? ''));
    expect(ours).toEqual([articles.unhelpful, articles.helpful, articles.few]);
    const few = help.locator(`tr[data-value="${articles.few}"]`);
    expect(await few.getAttribute('class')).toBe('too-few');
    expect(await few.textContent()).toContain(tooFew);
    expect(await help.locator(`tr[data-value="${articles.unhelpful}"] td`).first().textContent()).toBe('25');

    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, task.name, `${lang}-reports`);

    // The CSV: every page fetched with the session's token, joined, and offered as one file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#report-export button[type=submit]').click()]);
    expect(download.suggestedFilename()).toBe(`responses-${team}-2025-09-01-2025-11-30.csv`);
    const file = await readFile((await download.path())!);
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(file, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(seeded.responses);
    expect(new Set(records.map((record) => record['team']))).toEqual(new Set([team]));
    // The comment that starts like a formula comes back defused, its Japanese text whole.
    expect(records.filter((record) => record['comment'] !== '').map((record) => record['comment'])).toContain('\'=SUM(A1) とても丁寧でした, "thanks"');
    await expect.poll(() => page.textContent('#export-status')).toContain(download.suggestedFilename());

    // On a phone the charts stack and the tables scroll in their own boxes: the page never scrolls sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
  });
});

describe('the report view for a supervisor', () => {
  it('offers their team’s breakdowns and exports only, and says so plainly when the API refuses', async ({ task }) => {
    const page = await openReports('en-GB', 'Europe/London', 'sup-japan-yui');
    await expect.poll(() => page.textContent('#report-span')).toContain('japan-support');
    expect(await page.locator('#report-team').count()).toBe(0);
    expect(await page.locator('#help-site').count()).toBe(0);
    const groups = await page.locator('#report-group-by option').evaluateAll((found) => found.map((option) => option.getAttribute('value')));
    expect(groups).not.toContain('article');
    expect(groups).toContain('agent');
    expect(await page.locator('#export-kind option').evaluateAll((found) => found.map((option) => option.getAttribute('value')))).toEqual([
      'responses',
      'escalations',
    ]);

    // A refusal (a role taken away since sign-in) is a message beside the filters, not a broken page.
    await page.route('**/reports/summary?**', (route) =>
      route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'forbidden', message: 'Not your team' } }) }),
    );
    await page.locator('#report-filters button[type=submit]').click();
    await expect.poll(() => page.textContent('#report-status')).toBe('You may not see this report: Not your team');
    expect(await page.getAttribute('#report-status', 'role')).toBe('alert');
    expect(await page.locator('#chart-csat').count()).toBe(0);
    await screenshot(page, task.name, 'en-reports-refused');
  });
});
