import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printedJson, projectRoot, runInSecondTerminal, pipelineForTheseTests } from './local-pipeline-process.ts';

// The README's promise: with `npm start` running, `npm run demo` puts real invitations in the
// mail viewer within a minute, and a quarter of history in the reports. Both run as a newcomer
// runs them, as separate processes.
describe('npm run demo', () => {
  const pipeline = pipelineForTheseTests('npm start');

  it('resolves sample cases and leaves their invitations in the mail viewer, in English and Japanese', async () => {
    // The history's counting takes a minute or two on DynamoDB Local: the demo waits up to 3.
    const result = runInSecondTerminal('npm run demo', pipeline().dataDir, {}, 330_000);

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

    // Then a quarter of history, counted: the reports show 13 weeks of trend for every team.
    expect(result.stdout).toMatch(
      /A quarter of history written: \d+ survey invitations, \d+ answers, \d+ escalations, \d+ complaints, \d+ help-site feedback\./,
    );
    const range = /Counted for the reports \((\d+) confirmed scores from (\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)\)/.exec(result.stdout);
    expect(range, result.stdout).not.toBeNull();
    const [, scores, from, to] = range!;
    const summary = await fetch(`${pipeline().connection.apiUrl}/reports/summary?from=${from}&to=${to}&interval=week&groupBy=team`, {
      headers: { authorization: `Bearer ${pipeline().connection.supervisorTokens['admin-grace']}` },
    });
    expect(summary.status).toBe(200);
    const report = (await summary.json()) as {
      overall: { csat: { answers: number; satisfied: { low: number | null } }; nps: { answers: number }; escalations: { escalations: number } };
      trend: { csat: { answers: number; satisfied: { low: number | null } } }[];
      groups: { value: string; csat: { answers: number } }[];
    };
    expect(report.overall.csat.answers).toBe(Number(scores));
    expect(report.overall.csat.satisfied.low).not.toBeNull();
    expect(report.overall.nps.answers).toBeGreaterThan(0);
    expect(report.overall.escalations.escalations).toBeGreaterThan(0);
    expect(report.trend.length).toBeGreaterThanOrEqual(13);
    expect(report.trend.every((bucket) => bucket.csat.answers > 0)).toBe(true);
    expect(report.groups.map(({ value }) => value).sort()).toEqual(['cloud-platform', 'general-support', 'japan-support']);
    // Whole weeks have enough answers for a share with its interval; only the span's edges may not.
    expect(report.trend.filter((bucket) => bucket.csat.satisfied.low !== null).length).toBeGreaterThanOrEqual(12);
    // The help site's articles, least helpful first.
    const articles = await fetch(`${pipeline().connection.apiUrl}/reports/summary?from=${from}&to=${to}&interval=month&groupBy=article`, {
      headers: { authorization: `Bearer ${pipeline().connection.supervisorTokens['admin-grace']}` },
    });
    const shares = ((await articles.json()) as { groups: { feedback: { helpful: { value: number | null } } }[] }).groups.map(
      (group) => group.feedback.helpful.value,
    );
    expect(shares).toHaveLength(8);
    const judged = shares.filter((share) => share !== null);
    expect(judged).toEqual([...judged].sort((a, b) => a - b));
  }, 360_000);

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
