import { execSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSOLE_BUNDLE_BUDGET_GZIP_BYTES, consoleBuildCommands } from '../../../infra/constructs/supervisor-console.ts';

const outputDir = await mkdtemp(join(tmpdir(), 'console-budget-'));
afterAll(() => rm(outputDir, { recursive: true, force: true }));

describe('the console’s browser bundle', () => {
  it('stays within its budget, gzipped as the console serves it, built by the commands the construct runs', async () => {
    for (const command of consoleBuildCommands(outputDir)) execSync(command, { stdio: 'inherit' });
    const sizes = await Promise.all(
      ['app.js', 'app.css'].map(async (file) => {
        const plain = await readFile(join(outputDir, 'console', file));
        return { file, bytes: plain.length, gzipped: gzipSync(plain, { level: 9 }).length };
      }),
    );
    const gzipped = sizes.reduce((total, size) => total + size.gzipped, 0);
    expect(gzipped, JSON.stringify(sizes)).toBeLessThanOrEqual(CONSOLE_BUNDLE_BUDGET_GZIP_BYTES);
  });
});
