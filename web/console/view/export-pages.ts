import type { ExportKind } from './report-query.ts';

/**
 * The next page an export names, from its `Link` header (`<…>; rel="next"`, RFC 8288); undefined
 * on the last page. Only a path on the same origin is followed: the token goes with it.
 *
 * @example
 * ```ts
 * nextPageOf('</reports/export.csv?kind=responses&cursor=abc>; rel="next"'); // '/reports/export.csv?kind=responses&cursor=abc'
 * ```
 */
export const nextPageOf = (link: string | null | undefined): string | undefined => {
  for (const part of (link ?? '').split(',')) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (match === null) continue;
    const [, target = '', parameters = ''] = match;
    const next = parameters.split(';').some((parameter) => /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(parameter)?.[1]?.split(/\s+/).includes('next'));
    if (next && target.startsWith('/') && !target.startsWith('//')) return target;
  }
  return undefined;
};

const BOM = [0xef, 0xbb, 0xbf];
const LINE_FEED = 0x0a;
const startsWithBom = (page: Uint8Array) => BOM.every((byte, index) => page[index] === byte);

/**
 * The pages of an export as one file's parts, in order. The API puts the byte order mark and the
 * header on the first page only; a later page that starts with a BOM anyway loses it (Excel would
 * show it as a stray character mid-file), and a page that does not end its last row gets a line
 * feed, so no two rows run together.
 *
 * @example
 * ```ts
 * new Blob(joinCsvPages(pages), { type: 'text/csv' });
 * ```
 */
export const joinCsvPages = (pages: readonly Uint8Array[]): Uint8Array[] =>
  pages.flatMap((page, index) => {
    const body = index > 0 && startsWithBom(page) ? page.subarray(BOM.length) : page;
    const last = index === pages.length - 1;
    return last || body.length === 0 || body[body.length - 1] === LINE_FEED ? [body] : [body, Uint8Array.of(LINE_FEED)];
  });

/**
 * The downloaded file's name: what it holds and its days, so a folder of exports sorts by kind and span.
 *
 * @example
 * ```ts
 * exportFileName('responses', '2026-09-01', '2026-11-30'); // 'responses-2026-09-01-2026-11-30.csv'
 * ```
 */
export const exportFileName = (kind: ExportKind, from: string, to: string, team = ''): string =>
  `${kind}${team === '' ? '' : `-${team.replace(/[^\p{L}\p{N}_-]+/gu, '_')}`}-${from}-${to}.csv`;
