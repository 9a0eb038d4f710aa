import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoAccountPool } from '../../functions/escalation/adapters/cognito-account-pool.ts';
import { DynamoDbDirectoryStore } from '../../functions/escalation/adapters/dynamodb-directory-store.ts';
import { DirectoryChangeError, setAway } from '../../functions/escalation/core/change-directory.ts';
import { AccountError, createAccount, disableAccount, enableAccount, moveAccount } from '../../functions/escalation/core/supervisor-accounts.ts';
import { type SupervisorRole, supervisorRoles } from '../../functions/escalation/contracts/supervisor-claims.ts';

/** Where the admin commands act: the table with the directory and the user pool. */
export interface AdminTarget {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly cognito: CognitoIdentityProviderClient;
  readonly poolId: string;
}

export const USER_COMMANDS: ReadonlySet<string> = new Set(['create-user', 'set-team', 'set-groups', 'set-away', 'disable-user', 'enable-user']);

type Outcome = { kind: 'done'; lines: string[] } | { kind: 'usage'; message: string } | { kind: 'refused'; message: string };

interface Invocation {
  readonly command: string;
  readonly operands: readonly string[];
  readonly options: {
    readonly email?: string | undefined;
    readonly name?: string | undefined;
    readonly role?: string | undefined;
    readonly team?: string | undefined;
    /** Listed as away from the start: in the team (they may claim, reassign to them works) but out of the round-robin until `set-away off`. */
    readonly away?: boolean | undefined;
  };
  /** Who the directory's audit entries name. */
  readonly by: string;
  readonly now: Date;
}

const isRole = (value: string | undefined): value is SupervisorRole => (supervisorRoles as readonly string[]).includes(value ?? '');
// Cognito user names here are the directory ids: lower case, digits and hyphens (`sup-japan-mei`).
const USER_NAME = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Runs one user command against the pool and the directory. Both sides are checked before either
 * is written (a team the directory lacks refuses `create-user` before any account exists), and a
 * refusal says what to do; nothing is half-done silently.
 *
 * @example
 * await runUserCommand(target, { command: 'set-away', operands: ['sup-japan-yui', 'on'], options: {}, by: 'admin-cli:ana', now: new Date() });
 */
export async function runUserCommand(target: AdminTarget, invocation: Invocation): Promise<Outcome> {
  const [user, ...rest] = invocation.operands;
  if (user === undefined || !USER_NAME.test(user))
    return { kind: 'usage', message: `${invocation.command} needs a user name such as sup-japan-mei (lower case, digits, hyphens).` };
  const accounts = { pool: cognitoAccountPool(target.cognito, target.poolId), directory: new DynamoDbDirectoryStore(target.dynamodb, target.tableName) };
  const change = { by: invocation.by, now: invocation.now };
  try {
    switch (invocation.command) {
      case 'create-user': {
        const { email, name, role, team, away } = invocation.options;
        if (email === undefined || name === undefined || !isRole(role)) {
          return { kind: 'usage', message: `create-user needs --email, --name and --role (${supervisorRoles.join(', ')}).` };
        }
        if (role !== 'admin' && team === undefined) return { kind: 'usage', message: `A ${role} needs --team.` };
        await createAccount(accounts, { user, email, name, role, team, away }, change);
        return {
          kind: 'done',
          lines: [
            `Created ${user} (${role}${team === undefined ? '' : ` of ${team}`}). Cognito emailed a temporary password to ${email}; the first sign-in sets their own.`,
          ],
        };
      }
      case 'set-team': {
        const [team] = rest;
        if (team === undefined || rest.length !== 1) return { kind: 'usage', message: 'set-team needs the user and the team.' };
        await moveAccount(accounts, user, team, change);
        return { kind: 'done', lines: [`${user} is a supervisor of ${team} now (last in its round-robin); their next sign-in carries the team.`] };
      }
      case 'set-groups': {
        if (rest.length === 0 || !rest.every(isRole))
          return { kind: 'usage', message: `set-groups needs the user and one or more of ${supervisorRoles.join(', ')}.` };
        const { Groups = [] } = await target.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: target.poolId, Username: user }));
        const current: string[] = Groups.map((group) => group.GroupName ?? '');
        for (const group of rest.filter((wanted) => !current.includes(wanted))) await accounts.pool.addToGroup(user, group);
        for (const group of current.filter((held) => !(rest as string[]).includes(held))) {
          await target.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: target.poolId, Username: user, GroupName: group }));
        }
        return { kind: 'done', lines: [`${user} is in ${rest.join(', ')}; their next sign-in (or token refresh) carries it.`] };
      }
      case 'set-away': {
        const [state] = rest;
        if ((state !== 'on' && state !== 'off') || rest.length !== 1) return { kind: 'usage', message: 'set-away needs the user and on or off.' };
        await accounts.directory.change(
          (directory) => setAway(directory, user, state === 'on'),
          { by: change.by, what: `${user} ${state === 'on' ? 'away' : 'back'}` },
          change.now,
        );
        return { kind: 'done', lines: [state === 'on' ? `${user} is away: round-robin skips them.` : `${user} is back: round-robin includes them again.`] };
      }
      case 'disable-user': {
        const { markedAway } = await disableAccount(accounts, user, change);
        return {
          kind: 'done',
          lines: [
            `${user} is disabled: no sign-in or token refresh; a token already issued lasts until it expires (an hour at most).`,
            ...(markedAway ? [`${user} is marked away, so no new escalation goes to them.`] : []),
          ],
        };
      }
      case 'enable-user': {
        await enableAccount(accounts, user);
        return {
          kind: 'done',
          lines: [`${user} can sign in again. If they are marked away, \`npm run admin -- set-away ${user} off\` gives them work again.`],
        };
      }
      default:
        return { kind: 'usage', message: `No command ${invocation.command}.` };
    }
  } catch (error) {
    if (error instanceof DirectoryChangeError || error instanceof AccountError) return { kind: 'refused', message: error.message };
    if (error instanceof UserNotFoundException) return { kind: 'refused', message: `The user pool has no user ${user}.` };
    throw error;
  }
}
