import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { DynamoDbEscalationStore } from '../../functions/escalation/adapters/dynamodb-escalation-store.ts';
import { DIRECTORY_MAX_AGE_MS } from '../../functions/escalation/wiring/current-directory.ts';
import { validComplaint } from '../helpers/submissions.ts';
import { connectTo, eventually } from '../integration/helpers/pipeline-connection.ts';
import { screenshot, signInToConsole, useChromium } from './chromium.ts';

const pipeline = inject('pipeline');
const api = connectTo(pipeline);
const dynamodb = new DynamoDBClient({
  endpoint: pipeline.dynamodbEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const store = new DynamoDbEscalationStore(dynamodb, pipeline.tableName);
const chromium = useChromium();
const RELOAD = { timeout: 10_000 };
const zone = 'Europe/London';

/** A complaint in English about no listed product: the rules route it to general-support (Ana and Ben in turn). */
const assigneeOfNextComplaint = async () => {
  const filed = await api.postJson('/complaints', validComplaint());
  expect(filed.status).toBe(202);
  const { complaintId } = filed.json as { complaintId: string };
  const escalation = await eventually(() => store.get(complaintId), 15_000, 'the escalation the complaint consumer opens');
  expect(escalation.team).toBe('general-support');
  return escalation.assignee;
};

const directoryPerson = async (id: string) => {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: pipeline.tableName, Key: marshall({ pk: 'DIRECTORY', sk: 'CURRENT' }) }));
  const { teams } = unmarshall(Item!)['directory'] as {
    teams: Record<string, { supervisors: { id: string; awayPeriods?: { from: string; until: string }[] }[] }>;
  };
  return Object.values(teams)
    .flatMap(({ supervisors }) => supervisors)
    .find((person) => person.id === id)!;
};

/** A local date in the zone, as an `<input type=date>` takes it, `plusDays` from today. */
const dayIn = (plusDays: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + plusDays * 86_400_000).toISOString().slice(0, 10);
};

describe('away dates in the console', () => {
  it("lets a supervisor set their own away dates, skips them for the team's next escalations, and lets their lead clear them", async ({ task }) => {
    const page = await chromium.openPage({ locale: 'en-GB', timezoneId: zone });
    await signInToConsole(page, pipeline, 'sup-general-ben');
    // A supervisor sees and sets only their own.
    await expect.poll(() => page.textContent('#away-heading'), RELOAD).toBe('Your away dates');
    expect(await page.locator('#away article.person').count()).toBe(1);
    const ben = page.locator('article[data-person="sup-general-ben"]');
    expect(await ben.locator('h3').textContent()).toBe('Ben Okafor Supervisor, general-support');
    expect(await ben.textContent()).toContain('No away dates planned.');

    const [first, last] = [dayIn(0), dayIn(4)];
    await page.getByLabel('First day away').fill(first);
    await page.getByLabel('Last day away').fill(last);
    await page.getByRole('button', { name: 'Add away dates' }).click();
    await expect.poll(() => page.textContent('#message'), RELOAD).toBe('Away dates saved for Ben Okafor.');
    const savedAt = Date.now();
    const shown = (day: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    expect(await ben.locator('.away-periods li').allTextContents()).toEqual([`${shown(first)} to ${shown(last)} Remove`]);
    expect(await ben.locator('.away-now').textContent()).toBe('Away now');
    await screenshot(page, task.name, '1-away-set');

    // Stored as the instants of London's midnights, first day to the day after the last, and audited as his own change.
    const { awayPeriods } = await directoryPerson('sup-general-ben');
    expect(awayPeriods).toHaveLength(1);
    const localDay = (instant: string) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, hour: '2-digit', hourCycle: 'h23', day: '2-digit', month: '2-digit', year: 'numeric' }).format(
        new Date(instant),
      );
    expect(localDay(awayPeriods![0]!.from)).toBe(`${first}, 00`);
    expect(localDay(awayPeriods![0]!.until)).toBe(`${dayIn(5)}, 00`);
    const { Items = [] } = await dynamodb.send(
      new QueryCommand({
        TableName: pipeline.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :change)',
        ExpressionAttributeValues: marshall({ ':pk': 'DIRECTORY', ':change': 'CHANGE#' }),
      }),
    );
    expect(Items.map((item) => unmarshall(item))).toContainEqual(
      expect.objectContaining({ by: 'sup-general-ben', what: expect.stringContaining('away periods of sup-general-ben') }),
    );

    // Every function's copy of the directory is at most a minute old: past that, round-robin skips
    // him and Ana gets each new escalation (in turn, he would have had every other one).
    const reachedEveryFunction = savedAt + DIRECTORY_MAX_AGE_MS + 1_000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, reachedEveryFunction - Date.now())));
    const assignees = [await assigneeOfNextComplaint(), await assigneeOfNextComplaint(), await assigneeOfNextComplaint()];
    expect(assignees).toEqual(['sup-general-ana', 'sup-general-ana', 'sup-general-ana']);

    // His lead sees the team, Ben away, and clears his dates (he came back early).
    const lead = await chromium.openPage({ locale: 'en-GB', timezoneId: zone });
    await signInToConsole(lead, pipeline, 'lead-general-chloe');
    await expect.poll(() => lead.textContent('#away-heading'), RELOAD).toBe('Away dates');
    expect(await lead.locator('#away article.person').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-person')))).toEqual([
      'lead-general-chloe',
      'sup-general-ana',
      'sup-general-ben',
    ]);
    const benForLead = lead.locator('article[data-person="sup-general-ben"]');
    expect(await benForLead.locator('.away-now').textContent()).toBe('Away now');
    await screenshot(lead, task.name, '2-lead-sees-team');
    await benForLead.getByRole('button', { name: `Remove: ${shown(first)} to ${shown(last)}` }).click();
    await expect.poll(() => lead.textContent('#message'), RELOAD).toBe('Away dates saved for Ben Okafor.');
    expect(await benForLead.textContent()).toContain('No away dates planned.');
    expect(await benForLead.locator('.available').textContent()).toBe('Available');
    expect((await directoryPerson('sup-general-ben')).awayPeriods).toBeUndefined();
    await screenshot(lead, task.name, '3-lead-cleared');
  }, 150_000);

  it('refuses a last day before the first beside the form, in Japanese too, and sends nothing', async ({ task }) => {
    const page = await chromium.openPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    let puts = 0;
    page.on('request', (request) => {
      if (request.method() === 'PUT') puts += 1;
    });
    await signInToConsole(page, pipeline, 'sup-general-ana');
    await expect.poll(() => page.textContent('#away-heading'), RELOAD).toBe('あなたの不在予定');
    await page.getByLabel('不在の初日').fill(dayIn(3));
    await page.getByLabel('不在の最終日').fill(dayIn(1));
    await page.getByRole('button', { name: '不在予定を追加' }).click();
    const refusal = page.locator('article[data-person="sup-general-ana"] .refusal');
    await expect.poll(() => refusal.textContent(), RELOAD).toBe('初日と最終日を選び、最終日は初日以降にしてください。');
    expect(puts).toBe(0);
    await screenshot(page, task.name, '1-refused-ja');
  });

  it("folds an admin's everyone by team, each summary saying who is away, and opens a team on demand", async ({ task }) => {
    const page = await chromium.openPage({ locale: 'en-GB', timezoneId: zone });
    await signInToConsole(page, pipeline, 'admin-grace');
    await expect.poll(() => page.locator('#away details.team').count(), RELOAD).toBe(3);
    // The head of support is in no team: shown unfolded, first.
    expect(await page.locator('#away > article.person').getAttribute('data-person')).toBe('head-hugo');
    const japan = page.locator('details[data-team="japan-support"]');
    expect(await japan.locator('summary').textContent()).toMatch(/^japan-support: 3 people, \d away now$/);
    expect(await japan.locator('article.person').first().isVisible()).toBe(false);
    await japan.locator('summary').click();
    expect(await japan.locator('article[data-person="sup-japan-yui"]').isVisible()).toBe(true);
    await screenshot(page, task.name, '1-admin-by-team');
  });
});
