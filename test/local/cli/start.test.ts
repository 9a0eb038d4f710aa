import { spawnSync } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

describe('npm start', () => {
  it.each(['abc', '70000', '-1', '3000x'])('refuses PORT=%s in one line, without a stack trace', (port) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/cli/start.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: port, LOCAL_DATA_DIR: '/nonexistent/never-created' },
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`PORT must be a TCP port number from 0 to 65535 (0 picks a free one), not "${port}".\n`);
  });
});

describe('npm start with LOCAL_CLOCK_OFFSET', () => {
  it.each(['36', 'tomorrow', 'P1M'])('refuses LOCAL_CLOCK_OFFSET=%s in one line, without a stack trace', (offset) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/cli/start.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: '0', LOCAL_CLOCK_OFFSET: offset, LOCAL_DATA_DIR: '/nonexistent/never-created' },
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`LOCAL_CLOCK_OFFSET must be a signed duration such as +36h, -15m, +2d12h, 90s or ISO-8601 PT36H / -P1DT2H, not "${offset}".\n`);
  });
});

describe('npm start with a holiday calendar that has ended', () => {
  it('refuses to start, naming each ended calendar by file and line, without a stack trace', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'start-calendar-'));
    try {
      // libfaketime moves the clock of the process: the shipped us calendar ends on 2027-12-31 (jp and uk, from the library, run on).
      const result = spawnSync('faketime', ['-f', '@2028-01-04 12:00:00', process.execPath, '--import', 'tsx', 'local/cli/start.ts'], {
        cwd: projectRoot,
        env: { ...process.env, PORT: '0', LOCAL_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 120_000,
      });

      expect(result.status).toBe(1);
      const calendarsFile = join(projectRoot, 'config', 'escalation-rules.json');
      expect(result.stderr.split('\n').filter((line) => line.startsWith(calendarsFile))).toEqual([
        expect.stringMatching(/:\d+:\d+ regions\.us\.holidays: The holiday calendar ended on 2027-12-31: /),
      ]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('npm start failing after it has claimed the data folder', () => {
  it('prints one line naming the log file that holds the stack, and frees the folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'start-fails-'));
    // DynamoDB Local's folder cannot be made: a file is in the way.
    await writeFile(join(dataDir, 'dynamodb'), 'not a folder');
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/cli/start.ts'], {
        cwd: projectRoot,
        env: { ...process.env, PORT: '0', LOCAL_DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      });

      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^The local pipeline failed to start: .*dynamodb.* \\(details in ${dataDir}/logs/start-up\\.log\\)\\n$`));
      expect(await readFile(join(dataDir, 'logs', 'start-up.log'), 'utf8')).toMatch(/\n\s+at /);
      await expect(access(join(dataDir, 'local.lock'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
