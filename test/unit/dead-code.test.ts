import { execFile } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
// What knip.json's entries and project globs reach, and the configuration knip reads.
const copied = [
  'functions',
  'infra',
  'local',
  'web',
  'docs',
  'bench',
  'test',
  'config',
  'package.json',
  'knip.json',
  'tsconfig.json',
  'cdk.json',
  'vitest.config.ts',
];

/** `npm run lint:dead` (the dead-code step of `npm test`) in `dir`: its exit code and output. */
const lintDead = async (dir: string): Promise<{ code: number; output: string }> => {
  try {
    const { stdout, stderr } = await promisify(execFile)('npm', ['run', '--silent', 'lint:dead'], { cwd: dir, timeout: 120_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
};

/** A fresh copy of the project's sources (node_modules linked), to add dead code to. */
const copyOfProject = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'dead-code-'));
  for (const name of copied) await cp(join(root, name), join(dir, name), { recursive: true });
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
};

describe('npm run lint:dead (knip, default and production)', () => {
  let copy: string;
  beforeAll(async () => {
    copy = await copyOfProject();
  }, 60_000);
  afterAll(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  // The clean tree passing is `npm test` itself (lint:dead runs before vitest); each case names what it added.
  it('fails on an export nothing imports, naming it', async () => {
    const file = join(copy, 'functions/platform/record-id.ts');
    await appendFile(file, '\nexport const neverImported = 1;\n');
    try {
      const result = await lintDead(copy);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('neverImported');
    } finally {
      await cp(join(root, 'functions/platform/record-id.ts'), file);
    }
  }, 120_000);

  it('fails on a file nothing imports', async () => {
    const file = join(copy, 'functions/platform/orphan-helper.ts');
    await writeFile(file, 'export const orphan = (text: string): string => text.trim();\n');
    try {
      const result = await lintDead(copy);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('functions/platform/orphan-helper.ts');
    } finally {
      await rm(file);
    }
  }, 120_000);

  it('fails in production mode on an export that only a test imports', async () => {
    const file = join(copy, 'functions/platform/record-id.ts');
    const test = join(copy, 'test/unit/only-a-test-uses-it.test.ts');
    await appendFile(file, '\nexport const onlyForTests = 1;\n');
    await writeFile(
      test,
      "import { expect, it } from 'vitest';\nimport { onlyForTests } from '../../functions/platform/record-id.ts';\n\nit('uses it', () => expect(onlyForTests).toBe(1));\n",
    );
    try {
      const result = await lintDead(copy);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('onlyForTests');
    } finally {
      await cp(join(root, 'functions/platform/record-id.ts'), file);
      await rm(test);
    }
  }, 120_000);
});
