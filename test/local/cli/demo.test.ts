import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printedJson, projectRoot, runInSecondTerminal, pipelineForTheseTests } from './local-pipeline-process.ts';

// The README's promise: with `npm start` running, `npm run demo` puts real invitations in the
// mail viewer within a minute. Both run as a newcomer runs them, as separate processes.
describe('npm run demo', () => {
  const pipeline = pipelineForTheseTests('npm start');

  it('resolves sample cases and leaves their invitations in the mail viewer, in English and Japanese', async () => {
    const result = runInSecondTerminal('npm run demo', pipeline().dataDir);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`3 invitations sent. Open the mail viewer`);
    const { emails } = (await (await fetch(`${pipeline().connection.mailUrl}/store`)).json()) as {
      emails: { subject: string; destination: { to: string[] } }[];
    };
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
    // The closing hint claims one of them with its assignee's token: pasted as printed, it works.
    const hint = /^ {2}(curl -X POST .*\/claim .*)$/m.exec(result.stdout)?.[1];
    expect(hint).toMatch(/\/escalations\/[^<>/]+\/claim -H "authorization: Bearer \$\(npm run -s token -- [\w-]+\)"$/);
    const claim = runInSecondTerminal(hint!, pipeline().dataDir);
    expect(printedJson(claim.stdout)).toMatchObject({ escalation: { status: 'claimed' }, entry: { action: 'claim' } });

    // The past quarter for the reports: once the stream consumer counted it, an admin's summary of
    // those weeks has trends with intervals, and the help site's articles, least helpful first.
    const from = /from (\d{4}-\d{2}-\d{2})\)/.exec(result.stdout)?.[1];
    expect(from).toBeDefined();
    const to = new Date(Date.parse(`${from}T00:00:00Z`) + (13 * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
    const summaryOf = async (query: string) => {
      const answer = await fetch(`${pipeline().connection.apiUrl}/reports/summary?from=${from}&to=${to}&${query}`, {
        headers: { authorization: `Bearer ${pipeline().connection.supervisorTokens['admin-grace']}` },
      });
      return (await answer.json()) as {
        trend: { csat: { satisfied: { tooFew: boolean } } }[];
        groups?: { value: string; feedback?: { feedback: number } }[];
      };
    };
    await expect
      .poll(async () => (await summaryOf('interval=week')).trend.filter((bucket) => !bucket.csat.satisfied.tooFew).length, { timeout: 60_000 })
      .toBe(13);
    await expect
      .poll(async () => (await summaryOf('interval=month&groupBy=article')).groups?.reduce((sum, group) => sum + (group.feedback?.feedback ?? 0), 0), {
        timeout: 60_000,
      })
      .toBe(103);
    expect((await summaryOf('interval=month&groupBy=article')).groups?.[0]?.value).toBe('reset-your-password');
  }, 300_000);

  it('says in one line how to start the pipeline when none is running', async () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/cli/demo.ts'], {
      cwd: projectRoot,
      env: { ...process.env, LOCAL_DATA_DIR: join(pipeline().dataDir, 'nothing-here') },
      encoding: 'utf8',
      timeout: 30_000,
    });

    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^npm run demo talks to the local pipeline, and none is running: start it with `npm start`.*\n$/);
  });
});
