import { describe, expect, it } from 'vitest';
import { exportFileName, joinCsvPages, nextPageOf } from '../../../web/console/view/export-pages.ts';

const encoder = new TextEncoder();
const BOM = '\uFEFF';
const bytes = (text: string) => encoder.encode(text);
const joined = (pages: readonly string[]) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.concat(joinCsvPages(pages.map(bytes))));

describe('nextPageOf', () => {
  it.each([
    ['</reports/export.csv?kind=responses&cursor=abc>; rel="next"', '/reports/export.csv?kind=responses&cursor=abc'],
    ['</reports/export.csv?cursor=x>;rel=next', '/reports/export.csv?cursor=x'],
    ['</first>; rel="first", </reports/export.csv?cursor=2>; rel="next"', '/reports/export.csv?cursor=2'],
    ['</a>; rel="prev next"', '/a'],
  ])('follows %j', (link, next) => {
    expect(nextPageOf(link)).toBe(next);
  });

  it.each([
    ['no header', null],
    ['an empty header', ''],
    ['another relation only', '</reports/export.csv?cursor=1>; rel="prev"'],
    ['another origin', '<https://elsewhere.example/steal>; rel="next"'],
    ['a protocol-relative address', '<//elsewhere.example/steal>; rel="next"'],
    ['no angle brackets', '/reports/export.csv; rel="next"'],
  ])('stops at %s', (_case, link) => {
    expect(nextPageOf(link)).toBeUndefined();
  });
});

describe('joinCsvPages', () => {
  it('joins pages in order, keeping the first page’s BOM and header', () => {
    expect(joined([`${BOM}a,b\n1,2\n`, '3,4\n', '5,6\n'])).toBe(`${BOM}a,b\n1,2\n3,4\n5,6\n`);
  });

  it('drops a BOM that a later page starts with, and ends a row that a page left open', () => {
    expect(joined([`${BOM}a,b\n1,2`, `${BOM}3,4`])).toBe(`${BOM}a,b\n1,2\n3,4`);
  });

  it('passes one page through unchanged, and an empty last page adds nothing', () => {
    expect(joined([`${BOM}a,b\n`])).toBe(`${BOM}a,b\n`);
    expect(joined([`${BOM}a,b\n1,2\n`, ''])).toBe(`${BOM}a,b\n1,2\n`);
  });

  it('keeps multi-byte text whole across pages', () => {
    expect(joined([`${BOM}comment\n"とても良い"\n`, '"速い対応"\n'])).toBe(`${BOM}comment\n"とても良い"\n"速い対応"\n`);
  });
});

describe('exportFileName', () => {
  it('names the kind and the days, and a team made safe for a file name', () => {
    expect(exportFileName('responses', '2026-09-01', '2026-11-30')).toBe('responses-2026-09-01-2026-11-30.csv');
    expect(exportFileName('escalations', '2026-09-01', '2026-11-30', 'japan support/東京')).toBe('escalations-japan_support_東京-2026-09-01-2026-11-30.csv');
  });
});
