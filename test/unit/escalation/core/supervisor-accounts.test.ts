import { describe, expect, it } from 'vitest';
import { twoTeams } from '../../../helpers/organisation-directory.ts';
import type { SupervisorDirectory } from '../../../../functions/escalation/contracts/supervisor-directory.ts';
import {
  type AccountDependencies,
  AccountError,
  createAccount,
  disableAccount,
  enableAccount,
  moveAccount,
  type SupervisorAccountPool,
} from '../../../../functions/escalation/core/supervisor-accounts.ts';

const seed = twoTeams;

/** The pool and the directory in memory, with every call recorded in order: what the core does to each is under test. */
const world = (accounts: Record<string, { team?: string; enabled: boolean; groups: string[] }> = {}) => {
  const calls: string[] = [];
  const users = new Map(Object.entries(accounts));
  let directory: SupervisorDirectory | undefined = seed;
  const audit: { by: string; what: string }[] = [];
  const pool: SupervisorAccountPool = {
    exists: async (user) => users.has(user),
    create: async ({ user, team }) => {
      calls.push(`create ${user}`);
      users.set(user, { ...(team === undefined ? {} : { team }), enabled: true, groups: [] });
    },
    addToGroup: async (user, role) => {
      calls.push(`group ${user} ${role}`);
      users.get(user)!.groups.push(role);
    },
    setTeam: async (user, team) => {
      calls.push(`team ${user} ${team}`);
      users.get(user)!.team = team;
    },
    setEnabled: async (user, enabled) => {
      if (!users.has(user)) throw new AccountError('account_not_found', `no ${user}`);
      calls.push(`${enabled ? 'enable' : 'disable'} ${user}`);
      users.get(user)!.enabled = enabled;
    },
  };
  const directoryStore: AccountDependencies['directory'] = {
    read: async () => directory,
    change: async (edit, entry) => {
      calls.push(`directory ${entry.what}`);
      audit.push(entry);
      directory = edit(directory!);
      return directory;
    },
  };
  return { deps: { pool, directory: directoryStore }, calls, users, audit, directory: () => directory, unseed: () => (directory = undefined) };
};
const change = { by: 'admin-grace', now: new Date('2026-12-05T10:00:00Z') };
const mei = { user: 'sup-mei', email: 'mei@example.com', name: 'Mei Ito', role: 'supervisor', team: 'japan-support' } as const;

describe('supervisor accounts', () => {
  it('creates a supervisor: the account, its group, then the end of the team’s round-robin, audited by the admin', async () => {
    const { deps, calls, users, audit, directory } = world();
    await createAccount(deps, mei, change);
    expect(calls).toEqual(['create sup-mei', 'group sup-mei supervisor', 'directory sup-mei added to japan-support as supervisor']);
    expect(users.get('sup-mei')).toEqual({ team: 'japan-support', enabled: true, groups: ['supervisor'] });
    expect(directory()!.teams['japan-support']!.supervisors.at(-1)).toEqual({ id: 'sup-mei', name: 'Mei Ito', email: 'mei@example.com' });
    expect(audit[0]!.by).toBe('admin-grace');
  });

  it('creates a lead in place of the team’s lead, an admin in no team and not in the directory, and someone away from the start', async () => {
    const { deps, users, directory } = world();
    await createAccount(deps, { user: 'lead-aiko', email: 'aiko@example.com', name: 'Aiko', role: 'lead', team: 'japan-support' }, change);
    await createAccount(deps, { user: 'admin-ola', email: 'ola@example.com', name: 'Ola', role: 'admin' }, change);
    await createAccount(deps, { ...mei, away: true }, change);
    expect(directory()!.teams['japan-support']!.lead.id).toBe('lead-aiko');
    expect(users.get('admin-ola')).toEqual({ enabled: true, groups: ['admin'] });
    expect(JSON.stringify(directory())).not.toContain('admin-ola');
    expect(directory()!.teams['japan-support']!.supervisors.at(-1)).toMatchObject({ id: 'sup-mei', away: true });
  });

  it.each([
    ['a team the directory lacks', { ...mei, team: 'mars-support' }, 'unknown_team'],
    ['a team named like an Object member', { ...mei, team: 'constructor' }, 'unknown_team'],
    ['a supervisor without a team', { ...mei, team: undefined }, 'unknown_team'],
    ['someone the directory lists already', { ...mei, user: 'sup-eva' }, 'already_listed'],
  ])('refuses %s before any account exists', async (_case, account, code) => {
    const { deps, calls } = world();
    await expect(createAccount(deps, account, change)).rejects.toMatchObject({ code, kind: 'invalid_request' });
    expect(calls).toEqual([]);
  });

  it('refuses a user name the pool has already (a disabled former admin, say), writing nothing', async () => {
    const { deps, calls } = world({ 'sup-mei': { enabled: false, groups: [] } });
    await expect(createAccount(deps, mei, change)).rejects.toMatchObject({ code: 'account_exists', kind: 'conflict' });
    expect(calls).toEqual([]);
  });

  it('refuses before the seed with the command that seeds', async () => {
    const { deps, unseed } = world();
    unseed();
    await expect(createAccount(deps, mei, change)).rejects.toThrow(/seed-directory/);
  });

  it('moves a supervisor in the pool and the directory, and refuses a team’s only supervisor before touching the pool', async () => {
    const { deps, calls, users, directory } = world({ 'sup-eva': { team: 'cloud-platform', enabled: true, groups: ['supervisor'] } });
    await moveAccount(deps, 'sup-eva', 'japan-support', change);
    expect(users.get('sup-eva')!.team).toBe('japan-support');
    expect(directory()!.teams['japan-support']!.supervisors.map(({ id }) => id)).toEqual(['sup-haruto', 'sup-eva']);
    await expect(moveAccount(deps, 'sup-dev', 'japan-support', change)).rejects.toMatchObject({ code: 'last_supervisor' });
    expect(calls).toEqual(['team sup-eva japan-support', 'directory sup-eva moved to japan-support']);
  });

  it('disables someone listed and marks them away; an unlisted admin only loses the sign-in; enabling leaves away as it is', async () => {
    const { deps, directory } = world({
      'sup-eva': { team: 'cloud-platform', enabled: true, groups: ['supervisor'] },
      'admin-ola': { enabled: true, groups: ['admin'] },
    });
    expect(await disableAccount(deps, 'sup-eva', change)).toEqual({ markedAway: true });
    expect(await disableAccount(deps, 'admin-ola', change)).toEqual({ markedAway: false });
    await enableAccount(deps, 'sup-eva');
    expect(directory()!.teams['cloud-platform']!.supervisors.find(({ id }) => id === 'sup-eva')).toMatchObject({ away: true });
    await expect(disableAccount(deps, 'sup-nobody', change)).rejects.toMatchObject({ code: 'account_not_found', kind: 'not_found' });
  });
});
