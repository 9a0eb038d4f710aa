import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));

// The README's promise: with `npm start` running, `npm run demo` puts real invitations in the
// mail viewer within a minute. Both run as a newcomer runs them, as separate processes.
describe('npm run demo', () => {
  let dataDir: string;
  let pipeline: ChildProcess;
  let connection: { mailUrl: string };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'demo-'));
    pipeline = spawn(process.execPath, ['--import', 'tsx', 'local/cli/start.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: '0', LOCAL_DATA_DIR: dataDir },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 150_000;
    for (;;) {
      const text = await readFile(join(dataDir, 'local.json'), 'utf8').catch(() => undefined);
      if (text !== undefined) {
        connection = JSON.parse(text);
        break;
      }
      if (Date.now() > deadline || pipeline.exitCode !== null) throw new Error('npm start did not become ready');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 180_000);

  afterAll(async () => {
    if (pipeline.exitCode === null) {
      const exited = new Promise((resolve) => pipeline.once('exit', resolve));
      pipeline.kill('SIGINT');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('resolves sample cases and leaves their invitations in the mail viewer, in English and Japanese', async () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/cli/demo.ts'], {
      cwd: projectRoot,
      env: { ...process.env, LOCAL_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 150_000,
    });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`3 invitations sent. Open the mail viewer`);
    const { emails } = (await (await fetch(`${connection.mailUrl}/store`)).json()) as { emails: { subject: string; destination: { to: string[] } }[] };
    const invitations = emails.filter((email) => !/CMP-|CSAT-/.test(email.subject));
    expect(invitations.map((email) => email.destination.to[0]).sort()).toEqual(['ada@example.com', 'grace@example.com', 'haruki@example.jp']);
    expect(invitations.map((email) => email.subject)).toContain('サポートはいかがでしたか？');
    // A complaint about each case: its assignee (of the case's team) and the complainant are mailed.
    const escalationEmails = emails.filter((email) => /CMP-/.test(email.subject));
    expect(escalationEmails.map((email) => email.destination.to[0]).sort()).toEqual(
      expect.arrayContaining(['ada@example.com', 'grace@example.com', 'haruki@example.jp']),
    );
    expect(escalationEmails).toHaveLength(6);
    expect(escalationEmails.some((email) => /assigned to you/.test(email.subject) && /@example\.com$/.test(email.destination.to[0]!))).toBe(true);
    // Grace's confirmed 1 on her survey: one email, to a supervisor of her case's team, none to her.
    const lowScoreEmails = emails.filter((email) => /CSAT-/.test(email.subject));
    expect(lowScoreEmails.map((email) => email.destination.to)).toEqual([[expect.stringMatching(/^(ana\.lima|ben\.okafor)@example\.com$/)]]);
    expect(result.stdout).toContain('7 escalation emails sent');
  }, 180_000);

  it('says in one line how to start the pipeline when none is running', async () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/cli/demo.ts'], {
      cwd: projectRoot,
      env: { ...process.env, LOCAL_DATA_DIR: join(dataDir, 'nothing-here') },
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^npm run demo talks to the local pipeline, and none is running: start it with `npm start`.*\n$/);
  });
});
