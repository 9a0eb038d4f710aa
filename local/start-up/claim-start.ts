import { open, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PrerequisiteError } from './prerequisite-error.ts';

/**
 * Fails in one line when `port` is taken, before anything else starts (the gateway only listens
 * once emulators and functions are up, seconds later).
 *
 * @example
 * await requirePortFree(3000);
 */
export async function requirePortFree(port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new PrerequisiteError('PORT_IN_USE', `Port ${port} is already in use; free it or choose another with PORT=${port + 1} npm start.`)
          : error,
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/**
 * Claims `dataDir` for this process with a lock file holding its pid: two pipelines on one
 * DynamoDB Local database would corrupt it. A lock left by a process that no longer runs (a
 * killed start) is taken over. Returns the release function.
 *
 * @example
 * const release = await claimDataDir('.data');
 * await release();
 */
export async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockFile = join(dataDir, 'local.lock');
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''));
    if (holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new PrerequisiteError('DATA_DIR_IN_USE', `Another local pipeline (pid ${holder}) is using ${dataDir}; stop it first (Ctrl-C in its terminal).`);
    }
    await rm(lockFile, { force: true });
  }
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
