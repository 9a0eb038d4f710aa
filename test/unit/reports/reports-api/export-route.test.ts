import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { InvalidExportCursorError } from '../../../../functions/reports/adapters/dynamodb-export-reader.ts';
import type { ExportPartition } from '../../../../functions/reports/core/export-partitions.ts';
import { reportsRoutes } from '../../../../functions/reports/reports-api/reports-routes.ts';
import { asVerifiedCaller, httpEvent } from '../../../helpers/events.ts';

const complaint = (n: number, description: string) => ({
  pk: `COMPLAINT#c-${n}`,
  sk: 'COMPLAINT',
  gsi1pk: 'COMPLAINTS#2026-12',
  reference: `CMP-0000000${n}`,
  status: 'received',
  category: 'billing',
  acceptedAt: `2026-12-0${n}T09:00:00.000Z`,
  receivedAt: `2026-12-0${n}T09:00:01.000Z`,
  email: 'someone@example.com',
  name: 'Someone Private',
  description,
});

// What people write, and what a spreadsheet would run.
const descriptions = [
  '請求が二重です。「至急」対応を',
  'Commas, "quotes", and\na newline',
  'Windows line\r\nbreak',
  '=HYPERLINK("http://evil.example","click")',
  '+1 and -1 and @SUM(A1)',
  '\tstarts with a tab',
  'plain',
];
const items = descriptions.map((description, index) => complaint(index + 1, description));

/** The reader, in memory: a page is the next `maxItems` items; the cursor is where it stopped. */
const memoryReader = (all: readonly Record<string, unknown>[]) => {
  const calls: { partitions: readonly ExportPartition[]; cursor?: string | undefined }[] = [];
  return {
    calls,
    readPage: async (partitions: readonly ExportPartition[], { cursor, maxItems }: { cursor?: string | undefined; maxItems: number }) => {
      calls.push({ partitions, cursor });
      if (cursor !== undefined && !/^\d+$/.test(cursor)) throw new InvalidExportCursorError('not ours');
      const start = cursor === undefined ? 0 : Number(cursor);
      const end = Math.min(all.length, start + maxItems);
      return { items: all.slice(start, end), cursor: end < all.length ? String(end) : undefined };
    },
  };
};

const admin = { sub: 'a-1', 'cognito:username': 'admin-grace', token_use: 'id', 'cognito:groups': ['admin'] };
const supervisor = { sub: 's-1', 'cognito:username': 'sup-japan-haruto', token_use: 'id', 'cognito:groups': ['supervisor'], 'custom:team': 'japan-support' };

const get = (handle: ReturnType<typeof reportsRoutes>, query: Record<string, string>, caller: Record<string, unknown> = admin) =>
  handle(asVerifiedCaller(httpEvent({ method: 'GET', path: '/reports/export.csv', query }), caller));

describe('GET /reports/export.csv', () => {
  it('pages the rows, the BOM and header on the first page only, and the pages joined parse back to what went in', async () => {
    const reader = memoryReader(items);
    const handle = reportsRoutes({ counters: { readCounts: async () => new Map() }, exports: reader, exportPageRows: 3 });
    const query = { from: '2026-12-01', to: '2026-12-31', kind: 'complaints' };
    const bodies: string[] = [];
    let next: Record<string, string> | undefined = query;
    while (next !== undefined) {
      const page = await get(handle, next);
      expect(page.statusCode).toBe(200);
      expect(page.headers).toMatchObject({
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="complaints-2026-12-01-2026-12-31.csv"',
      });
      bodies.push(String(page.body));
      const link = page.headers?.['link'] as string | undefined;
      next = link === undefined ? undefined : Object.fromEntries(new URL(/^<(.+)>; rel="next"$/.exec(link)![1]!, 'https://api.example.com').searchParams);
    }
    expect(bodies).toHaveLength(3);
    expect(bodies[0]!.startsWith('\uFEFFaccepted_at,reference,category,status,')).toBe(true);
    expect(bodies.slice(1).some((body) => body.startsWith('\uFEFF') || body.includes('accepted_at'))).toBe(false);

    const rows = parse(Buffer.from(bodies.join('')), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row['reference'])).toEqual(items.map((item) => item.reference));
    // Text comes back as written; a cell a spreadsheet would run comes back behind an apostrophe.
    expect(rows.map((row) => row['description'])).toEqual(descriptions.map((text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)));
    // No email address or name, whatever the item holds.
    expect(bodies.join('')).not.toContain('someone@example.com');
    expect(bodies.join('')).not.toContain('Someone Private');
  });

  it('exports a supervisor’s own team’s escalations only, and refuses them complaints, feedback and another team', async () => {
    const reader = memoryReader([]);
    const handle = reportsRoutes({ counters: { readCounts: async () => new Map() }, exports: reader, teams: ['japan-support', 'general-support'] });
    const escalations = await get(handle, { from: '2026-12-01', to: '2026-12-31', kind: 'escalations' }, supervisor);
    expect(escalations.statusCode).toBe(200);
    expect(new Set(reader.calls[0]!.partitions.map(({ partition }) => partition.split('#')[1]))).toEqual(new Set(['japan-support']));
    const refusedQueries: Record<string, string>[] = [{ kind: 'complaints' }, { kind: 'feedback' }, { kind: 'escalations', team: 'general-support' }];
    for (const query of refusedQueries) {
      await expect(get(handle, { from: '2026-12-01', to: '2026-12-31', ...query }, supervisor)).rejects.toMatchObject({ code: 'forbidden' });
    }
    // An admin's covers every team of the rules.
    await get(handle, { from: '2026-12-01', to: '2026-12-31', kind: 'escalations' });
    expect(new Set(reader.calls.at(-1)!.partitions.map(({ partition }) => partition.split('#')[1]))).toEqual(new Set(['japan-support', 'general-support']));
  });

  it('answers 400 to a cursor it did not give and to a span that ends before it starts', async () => {
    const handle = reportsRoutes({ counters: { readCounts: async () => new Map() }, exports: memoryReader(items) });
    await expect(get(handle, { from: '2026-12-01', to: '2026-12-31', kind: 'complaints', cursor: 'forged' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'invalid_cursor',
    });
    await expect(get(handle, { from: '2026-12-31', to: '2026-12-01', kind: 'complaints' })).rejects.toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
    });
  });
});
