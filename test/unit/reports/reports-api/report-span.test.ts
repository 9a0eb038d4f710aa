import { describe, expect, it } from 'vitest';
import { dayAfter } from '../../../../functions/reports/core/report-periods.ts';
import { MAX_SPAN_DAYS, reportsRoutes } from '../../../../functions/reports/reports-api/reports-routes.ts';
import { asVerifiedCaller, httpEvent } from '../../../helpers/events.ts';

const admin = { sub: 'a-1', 'cognito:username': 'admin-grace', token_use: 'id', 'cognito:groups': ['admin'] };

/** Counts every counter read, so a refused span is seen to read nothing. */
const countingRoutes = () => {
  const reads = { counters: 0, exports: 0 };
  const handle = reportsRoutes({
    counters: {
      readCounts: async () => {
        reads.counters += 1;
        return new Map();
      },
    },
    exports: {
      readPage: async () => {
        reads.exports += 1;
        return { items: [], cursor: undefined };
      },
    },
  });
  return { reads, handle };
};

const get = (handle: ReturnType<typeof reportsRoutes>, path: string, query: Record<string, string>) =>
  handle(asVerifiedCaller(httpEvent({ method: 'GET', path, query }), admin));

const from = '2021-01-01';
const lastDayAllowed = dayAfter(from, MAX_SPAN_DAYS - 1);

describe('the span either report route reads', () => {
  it.each([
    ['/reports/summary', { interval: 'month' }],
    ['/reports/export.csv', { kind: 'responses' }],
  ])('%s reads five years of days and refuses one day more, before reading anything', async (path, extra) => {
    const { reads, handle } = countingRoutes();
    await expect(get(handle, path, { from, to: lastDayAllowed, ...extra })).resolves.toMatchObject({ statusCode: 200 });
    const readsAllowed = reads.counters + reads.exports;
    expect(readsAllowed).toBeGreaterThan(0);

    await expect(get(handle, path, { from, to: dayAfter(lastDayAllowed), ...extra })).rejects.toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      details: [{ path: 'to', code: 'span_too_long' }],
    });
    await expect(get(handle, path, { from: '0001-01-01', to: '9999-12-31', ...extra })).rejects.toMatchObject({ statusCode: 400 });
    expect(reads.counters + reads.exports).toBe(readsAllowed);
  });

  it('refuses a span that ends before it starts on both routes', async () => {
    const { handle } = countingRoutes();
    for (const [path, extra] of [
      ['/reports/summary', {}],
      ['/reports/export.csv', { kind: 'responses' }],
    ] as const)
      await expect(get(handle, path, { from: '2026-12-31', to: '2026-12-01', ...extra })).rejects.toMatchObject({
        statusCode: 400,
        details: [{ path: 'to', code: 'before_from' }],
      });
  });
});
