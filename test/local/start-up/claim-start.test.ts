import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimDataDir, requirePortFree } from '../../../local/start-up/claim-start.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'claim-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('claimDataDir', () => {
  it('refuses a folder claimed by another running pipeline, naming its pid', async () => {
    await writeFile(join(dataDir, 'local.lock'), String(process.ppid));
    await expect(claimDataDir(dataDir)).rejects.toMatchObject({ code: 'DATA_DIR_IN_USE', message: expect.stringContaining(`pid ${process.ppid}`) });
  });

  it('writes a lock only its owner can read', async () => {
    const release = await claimDataDir(dataDir);

    expect((await stat(join(dataDir, 'local.lock'))).mode & 0o777).toBe(0o600);
    await release();
  });

  it('frees the folder on release for the next start', async () => {
    const release = await claimDataDir(dataDir);
    await release();
    const again = await claimDataDir(dataDir);
    await again();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = child.pid!;
    await new Promise((resolve) => child.once('exit', resolve));
    await writeFile(join(dataDir, 'local.lock'), String(deadPid));
    const release = await claimDataDir(dataDir);
    await release();
  });
});

describe('requirePortFree', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('says in one line which port is taken and how to choose another', async () => {
    server = createServer();
    const port = await new Promise<number>((resolve) => server!.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port)));
    await expect(requirePortFree(port)).rejects.toMatchObject({
      code: 'PORT_IN_USE',
      message: `Port ${port} is already in use; free it or choose another with PORT=${port + 1} npm start.`,
    });
  });

  it('accepts port 0 (any free port) without checking', async () => {
    await expect(requirePortFree(0)).resolves.toBeUndefined();
  });
});
