import { spawnSync } from 'node:child_process';
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
