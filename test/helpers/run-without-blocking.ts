import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a command line with bash in the project folder and resolves with what it printed once it
 * exits. Not spawnSync: when the emulators it calls (the local user pool) answer from this very
 * test process, a blocked event loop would never answer and the command would wait forever.
 *
 * @example
 * const { status, stdout } = await runWithoutBlocking(`npm run -s admin -- set-away ${user} on`, { AWS_ENDPOINT_URL_DYNAMODB: endpoint });
 */
export const runWithoutBlocking = (commandLine: string, env: Record<string, string | undefined> = {}) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('bash', ['-c', commandLine], { cwd: projectRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
