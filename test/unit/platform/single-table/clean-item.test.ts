import { describe, expect, it } from 'vitest';
import { clean } from '../../../../functions/platform/single-table/clean-item.ts';

describe('clean', () => {
  it('marshalls an item without its undefined fields', () => {
    expect(clean({ pk: 'CASE#1', count: 2, note: undefined })).toEqual({ pk: { S: 'CASE#1' }, count: { N: '2' } });
  });
});
