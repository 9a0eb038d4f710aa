import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { AccountError, type SupervisorAccountPool } from '../core/supervisor-accounts.ts';

/** Cognito's answer to one admin call, its refusals as the core's: a name taken or missing, or the pool unavailable. */
async function admin<Output>(user: string, call: () => Promise<Output>): Promise<Output> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof UserNotFoundException) throw new AccountError('account_not_found', `The user pool has no user ${user}.`, { cause: error });
    if (error instanceof UsernameExistsException) throw new AccountError('account_exists', `The user pool has a user ${user} already.`, { cause: error });
    throw new AccountError('pool_unavailable', 'The user pool did not answer; try again.', { cause: error });
  }
}

/**
 * The supervisors' user pool through Cognito's admin calls (`cognito-idp:Admin*` on the pool).
 * One call per method: `AdminGetUser`, `AdminCreateUser` (Cognito emails the temporary password),
 * `AdminAddUserToGroup`, `AdminUpdateUserAttributes` (`custom:team`), `AdminDisableUser` /
 * `AdminEnableUser`.
 *
 * @example
 * const pool = cognitoAccountPool(new CognitoIdentityProviderClient({}), config.USER_POOL_ID);
 */
export const cognitoAccountPool = (cognito: CognitoIdentityProviderClient, poolId: string): SupervisorAccountPool => ({
  exists: (user) =>
    admin(user, () => cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: user }))).then(
      () => true,
      (error: unknown) => (error instanceof AccountError && error.code === 'account_not_found' ? false : Promise.reject(error)),
    ),
  create: async ({ user, email, name, team }) => {
    await admin(user, () =>
      cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: poolId,
          Username: user,
          DesiredDeliveryMediums: ['EMAIL'],
          UserAttributes: [
            { Name: 'email', Value: email },
            // The admin vouches for the address: Cognito sends the temporary password there, and a forgotten password's code.
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: name },
            ...(team === undefined ? [] : [{ Name: 'custom:team', Value: team }]),
          ],
        }),
      ),
    );
  },
  addToGroup: async (user, role) => {
    await admin(user, () => cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: user, GroupName: role })));
  },
  setTeam: async (user, team) => {
    await admin(user, () =>
      cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: user, UserAttributes: [{ Name: 'custom:team', Value: team }] })),
    );
  },
  setEnabled: async (user, enabled) => {
    const input = { UserPoolId: poolId, Username: user };
    await admin(user, () => (enabled ? cognito.send(new AdminEnableUserCommand(input)) : cognito.send(new AdminDisableUserCommand(input))));
  },
});
