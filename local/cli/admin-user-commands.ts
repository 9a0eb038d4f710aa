import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDbDirectoryStore } from '../../functions/escalation/adapters/dynamodb-directory-store.ts';
import type { SupervisorDirectory } from '../../functions/escalation/contracts/supervisor-directory.ts';
import { addSupervisor, DirectoryChangeError, isInDirectory, moveSupervisor, setAway, setLead } from '../../functions/escalation/core/change-directory.ts';
import { type SupervisorRole, supervisorRoles } from '../../functions/escalation/core/supervisor-identity.ts';

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
  const directories = new DynamoDbDirectoryStore(target.dynamodb, target.tableName);
  const changeDirectory = (edit: (directory: SupervisorDirectory) => SupervisorDirectory, what: string) =>
    directories.change(edit, { by: invocation.by, what }, invocation.now);
  try {
    switch (invocation.command) {
      case 'create-user':
        return await createUser(target, directories, user, invocation, changeDirectory);
      case 'set-team': {
        const [team] = rest;
        if (team === undefined || rest.length !== 1) return { kind: 'usage', message: 'set-team needs the user and the team.' };
        moveSupervisor(await currentDirectory(directories), user, team);
        await target.cognito.send(
          new AdminUpdateUserAttributesCommand({ UserPoolId: target.poolId, Username: user, UserAttributes: [{ Name: 'custom:team', Value: team }] }),
        );
        await changeDirectory((directory) => moveSupervisor(directory, user, team), `${user} moved to ${team}`);
        return { kind: 'done', lines: [`${user} is a supervisor of ${team} now (last in its round-robin); their next sign-in carries the team.`] };
      }
      case 'set-groups': {
        if (rest.length === 0 || !rest.every(isRole))
          return { kind: 'usage', message: `set-groups needs the user and one or more of ${supervisorRoles.join(', ')}.` };
        const { Groups = [] } = await target.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: target.poolId, Username: user }));
        const current: string[] = Groups.map((group) => group.GroupName ?? '');
        for (const group of rest.filter((wanted) => !current.includes(wanted))) {
          await target.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: target.poolId, Username: user, GroupName: group }));
        }
        for (const group of current.filter((held) => !(rest as string[]).includes(held))) {
          await target.cognito.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: target.poolId, Username: user, GroupName: group }));
        }
        return { kind: 'done', lines: [`${user} is in ${rest.join(', ')}; their next sign-in (or token refresh) carries it.`] };
      }
      case 'set-away': {
        const [state] = rest;
        if ((state !== 'on' && state !== 'off') || rest.length !== 1) return { kind: 'usage', message: 'set-away needs the user and on or off.' };
        await changeDirectory((directory) => setAway(directory, user, state === 'on'), `${user} ${state === 'on' ? 'away' : 'back'}`);
        return { kind: 'done', lines: [state === 'on' ? `${user} is away: round-robin skips them.` : `${user} is back: round-robin includes them again.`] };
      }
      case 'disable-user': {
        await target.cognito.send(new AdminDisableUserCommand({ UserPoolId: target.poolId, Username: user }));
        const directory = await directories.read();
        const listed = directory !== undefined && isInDirectory(directory, user);
        if (listed) await changeDirectory((directory) => setAway(directory, user, true), `${user} disabled, so away`);
        return {
          kind: 'done',
          lines: [
            `${user} is disabled: no sign-in or token refresh; a token already issued lasts until it expires (an hour at most).`,
            ...(listed ? [`${user} is marked away, so no new escalation goes to them.`] : []),
          ],
        };
      }
      case 'enable-user': {
        await target.cognito.send(new AdminEnableUserCommand({ UserPoolId: target.poolId, Username: user }));
        return {
          kind: 'done',
          lines: [`${user} can sign in again. If they are marked away, \`npm run admin -- set-away ${user} off\` gives them work again.`],
        };
      }
      default:
        return { kind: 'usage', message: `No command ${invocation.command}.` };
    }
  } catch (error) {
    if (error instanceof DirectoryChangeError) return { kind: 'refused', message: error.message };
    if (error instanceof UserNotFoundException) return { kind: 'refused', message: `The user pool has no user ${user}.` };
    throw error;
  }
}

async function createUser(
  target: AdminTarget,
  directories: DynamoDbDirectoryStore,
  user: string,
  invocation: Invocation,
  changeDirectory: (edit: (directory: SupervisorDirectory) => SupervisorDirectory, what: string) => Promise<SupervisorDirectory>,
): Promise<Outcome> {
  const { email, name, role, team } = invocation.options;
  if (email === undefined || name === undefined || !isRole(role)) {
    return { kind: 'usage', message: `create-user needs --email, --name and --role (${supervisorRoles.join(', ')}).` };
  }
  if (role !== 'admin' && team === undefined) return { kind: 'usage', message: `A ${role} needs --team.` };
  const person = { id: user, name, email };
  const listed = (directory: SupervisorDirectory): SupervisorDirectory =>
    role === 'supervisor' ? addSupervisor(directory, team!, person) : role === 'lead' ? setLead(directory, team!, person) : directory;
  const edit = (directory: SupervisorDirectory) => (invocation.options.away && role !== 'admin' ? setAway(listed(directory), user, true) : listed(directory));
  // Refused here, before the account exists: an unknown team, a user the directory lists already.
  edit(await currentDirectory(directories));
  const exists = await target.cognito.send(new AdminGetUserCommand({ UserPoolId: target.poolId, Username: user })).then(
    () => true,
    (error: unknown) => (error instanceof UserNotFoundException ? false : Promise.reject(error)),
  );
  if (exists) return { kind: 'refused', message: `The user pool has a user ${user} already.` };
  try {
    await target.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: target.poolId,
        Username: user,
        DesiredDeliveryMediums: ['EMAIL'],
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: name },
          ...(team === undefined ? [] : [{ Name: 'custom:team', Value: team }]),
        ],
      }),
    );
  } catch (error) {
    if (error instanceof UsernameExistsException) return { kind: 'refused', message: `The user pool has a user ${user} already.` };
    throw error;
  }
  await target.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: target.poolId, Username: user, GroupName: role }));
  if (role !== 'admin') await changeDirectory(edit, `${user} added to ${team} as ${role}${invocation.options.away ? ', away' : ''}`);
  return {
    kind: 'done',
    lines: [
      `Created ${user} (${role}${team === undefined ? '' : ` of ${team}`}). Cognito emailed a temporary password to ${email}; the first sign-in sets their own.`,
    ],
  };
}

async function currentDirectory(directories: DynamoDbDirectoryStore): Promise<SupervisorDirectory> {
  const directory = await directories.read();
  if (directory === undefined)
    throw new DirectoryChangeError('unknown_team', 'The table has no supervisor directory yet: run `npm run admin -- seed-directory` first.');
  return directory;
}
