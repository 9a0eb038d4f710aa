import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceFingerprint } from '../../../local/template/source-fingerprint.ts';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'fingerprint-'));
  await mkdir(join(root, 'functions', 'a'), { recursive: true });
  await writeFile(join(root, 'functions', 'a', 'handler.ts'), 'export const handler = 1;');
  await writeFile(join(root, 'package-lock.json'), '{}');
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('sourceFingerprint', () => {
  const sources = ['functions', 'package-lock.json', 'missing-folder'];

  it('is stable while nothing changes', async () => {
    expect(await sourceFingerprint(root, sources)).toBe(await sourceFingerprint(root, sources));
  });

  it.each([
    ['a file changes', () => writeFile(join(root, 'functions', 'a', 'handler.ts'), 'export const handler = 2;')],
    ['a file is added', () => writeFile(join(root, 'functions', 'a', 'extra.ts'), '')],
    ['the lock file changes', () => writeFile(join(root, 'package-lock.json'), '{"x":1}')],
  ])('changes when %s', async (_name, change) => {
    const before = await sourceFingerprint(root, sources);
    await change();
    expect(await sourceFingerprint(root, sources)).not.toBe(before);
  });
});
