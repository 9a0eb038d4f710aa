import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Stops the DynamoDB Local whose pid `pidFile` names, if that process still runs and really is a
 * DynamoDB Local on `dbPath` (its command line, from /proc, says so): pids are reused, and an
 * unrelated process must never be signalled. Returns the pid it stopped, if any.
 *
 * @example
 * await stopLeftoverDynamoDb('/repo/.data/dynamodb', '/repo/.data/dynamodb/dynamodb-local.pid');
 */
export async function stopLeftoverDynamoDb(dbPath: string, pidFile: string): Promise<number | undefined> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').then(
    (text) => text.split('\0'),
    (): string[] => [],
  );
  const isDynamoDbOnFolder = commandLine.some((arg) => arg.endsWith('DynamoDBLocal.jar')) && commandLine.includes(dbPath);
  if (!isDynamoDbOnFolder) {
    await rm(pidFile, { force: true });
    return undefined;
  }
  // SIGCONT first: a stopped (paused) JVM would hold SIGTERM until resumed.
  signal(pid, 'SIGTERM');
  signal(pid, 'SIGCONT');
  for (let waited = 0; waited < 5_000 && isRunning(pid); waited += 100) await sleep(100);
  if (isRunning(pid)) signal(pid, 'SIGKILL');
  for (let waited = 0; waited < 5_000 && isRunning(pid); waited += 50) await sleep(50);
  await rm(pidFile, { force: true });
  return pid;
}

const signal = (pid: number, name: NodeJS.Signals): void => {
  try {
    process.kill(pid, name);
  } catch {
    // Gone already.
  }
};

// A zombie (exited, not yet reaped by whoever inherited it) has an empty command line: it is gone.
const isRunning = (pid: number): boolean => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').length > 0;
  } catch {
    return false;
  }
};
