import type { SupervisorDirectory } from '../contracts/supervisor-directory.ts';
import { CodedError, type ProblemKind } from '../../platform/coded-error.ts';
import { addSupervisor, DirectoryChangeError, isInDirectory, moveSupervisor, setAway, setLead } from './change-directory.ts';
import type { SupervisorRole } from '../contracts/supervisor-claims.ts';

/**
 * The sign-in accounts' side of a person (the user pool): the port the admin command and the
 * accounts API share, so creating a supervisor is one rule wherever it is started.
 */
export interface SupervisorAccountPool {
  exists(user: string): Promise<boolean>;
  /** Creates the account with a temporary password the pool emails; throws {@link AccountError} `account_exists` if the name is taken. */
  create(account: { readonly user: string; readonly email: string; readonly name: string; readonly team?: string | undefined }): Promise<void>;
  addToGroup(user: string, role: SupervisorRole): Promise<void>;
  setTeam(user: string, team: string): Promise<void>;
  /** Throws {@link AccountError} `account_not_found` for a name the pool lacks. */
  setEnabled(user: string, enabled: boolean): Promise<void>;
}

/** The directory as the accounts change it: read, and changed with an audit entry. */
interface AccountDirectory {
  read(): Promise<SupervisorDirectory | undefined>;
  change(edit: (directory: SupervisorDirectory) => SupervisorDirectory, audit: { by: string; what: string }, now: Date): Promise<SupervisorDirectory>;
}

const KIND_OF_ACCOUNT_CODE = { account_exists: 'conflict', account_not_found: 'not_found', pool_unavailable: 'unavailable' } as const;

/** A user name the pool already has, or lacks; or the pool did not answer (throttled, down: a retry may do). */
export class AccountError extends CodedError<keyof typeof KIND_OF_ACCOUNT_CODE> {
  override readonly name = 'AccountError';
  override readonly kind: ProblemKind;

  constructor(code: AccountError['code'], message: string, options?: ErrorOptions) {
    super(code, message, options);
    this.kind = KIND_OF_ACCOUNT_CODE[code];
  }
}

export interface NewAccount {
  /** The user name: the person's key everywhere (`sup-japan-mei`). */
  readonly user: string;
  readonly email: string;
  readonly name: string;
  readonly role: SupervisorRole;
  /** Required for a supervisor or a lead; an admin belongs to no team. */
  readonly team?: string | undefined;
  /** In the team (they may claim, a reassign to them works) but out of the round-robin until they are back. */
  readonly away?: boolean | undefined;
}

/** Who makes a change, and when: what the directory's audit entry names. */
export interface AccountChange {
  readonly by: string;
  readonly now: Date;
}

export interface AccountDependencies {
  readonly pool: SupervisorAccountPool;
  readonly directory: AccountDirectory;
}

const currentDirectory = async (directory: AccountDirectory): Promise<SupervisorDirectory> => {
  const current = await directory.read();
  if (current === undefined)
    throw new DirectoryChangeError('unknown_team', 'The table has no supervisor directory yet: seed it first (`npm run admin -- seed-directory`).');
  return current;
};

/**
 * Creates a person: an account in the pool (which emails a temporary password; the first sign-in
 * sets their own), in the group of their role, and for a supervisor or a lead their place in the
 * directory (a supervisor last in the team's round-robin; a lead replacing the team's lead). The
 * directory change is tried on the current directory before the account exists, so an unknown team
 * or a name the directory lists already refuses with nothing written.
 *
 * @example
 * await createAccount({ pool, directory }, { user: 'sup-japan-mei', email: 'mei@example.com', name: 'Mei Ito', role: 'supervisor', team: 'japan-support' }, { by: 'admin-grace', now });
 */
export async function createAccount(deps: AccountDependencies, account: NewAccount, change: AccountChange): Promise<void> {
  const { user, email, name, role, team } = account;
  if (role !== 'admin' && team === undefined) throw new DirectoryChangeError('unknown_team', `A ${role} belongs to a team: name one.`);
  const person = { id: user, name, email };
  const listed = (directory: SupervisorDirectory): SupervisorDirectory =>
    role === 'supervisor' ? addSupervisor(directory, team!, person) : role === 'lead' ? setLead(directory, team!, person) : directory;
  const edit = (directory: SupervisorDirectory) => (account.away === true && role !== 'admin' ? setAway(listed(directory), user, true) : listed(directory));
  edit(await currentDirectory(deps.directory));
  if (await deps.pool.exists(user)) throw new AccountError('account_exists', `The user pool has a user ${user} already.`);
  await deps.pool.create({ user, email, name, team: role === 'admin' ? undefined : team });
  await deps.pool.addToGroup(user, role);
  if (role !== 'admin')
    await deps.directory.change(edit, { by: change.by, what: `${user} added to ${team} as ${role}${account.away ? ', away' : ''}` }, change.now);
}

/**
 * Moves a supervisor to the end of another team's round-robin, in the directory and in the
 * account's `custom:team` (their next sign-in or refresh carries it). Refused before either is
 * written when the directory refuses it (an unknown team, a team's only supervisor).
 */
export async function moveAccount(deps: AccountDependencies, user: string, team: string, change: AccountChange): Promise<void> {
  moveSupervisor(await currentDirectory(deps.directory), user, team);
  await deps.pool.setTeam(user, team);
  await deps.directory.change((directory) => moveSupervisor(directory, user, team), { by: change.by, what: `${user} moved to ${team}` }, change.now);
}

/**
 * Disables an account (no sign-in, no refresh; a token already issued lasts until it expires) and,
 * if the directory lists them, marks them away so no new escalation goes to them.
 *
 * @returns whether the directory lists them (and so marked them away)
 */
export async function disableAccount(deps: AccountDependencies, user: string, change: AccountChange): Promise<{ markedAway: boolean }> {
  await deps.pool.setEnabled(user, false);
  const directory = await deps.directory.read();
  const listed = directory !== undefined && isInDirectory(directory, user);
  if (listed) await deps.directory.change((current) => setAway(current, user, true), { by: change.by, what: `${user} disabled, so away` }, change.now);
  return { markedAway: listed };
}

/** Lets a disabled account sign in again; being away is left as it is (an admin or lead clears it). */
export async function enableAccount(deps: AccountDependencies, user: string): Promise<void> {
  await deps.pool.setEnabled(user, true);
}
