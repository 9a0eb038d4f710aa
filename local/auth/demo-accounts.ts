import { randomBytes } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { localClientConfig } from '../emulators/local-aws.ts';
import { readPrivateJsonFile } from '../start-up/read-private-json-file.ts';
import { writePrivateFile } from '../start-up/write-private-file.ts';
import { demoDirectory } from './demo-directory.ts';

/**
 * The demo supervisor whose account start-up leaves as an admin leaves a new one: her first
 * sign-in meets the new-password challenge, as every first sign-in on AWS does.
 */
const firstDayUserId = 'sup-cloud-eva';

/** A demo user's sign-in, as `.data/local.json` lists it. */
export interface DemoAccount {
  readonly userId: string;
  readonly name: string;
  readonly title: string;
  readonly team?: string;
  /** The password start-up set, or the temporary one of {@link firstDayUserId}; absent once she has chosen her own. */
  readonly password?: string;
  /** Whether the next sign-in meets NEW_PASSWORD_REQUIRED. */
  readonly mustChangePassword: boolean;
}

export interface LocalPoolClient {
  readonly cognito: CognitoIdentityProviderClient;
  readonly poolId: string;
  readonly clientId: string;
}

/**
 * Creates the demo directory's users in the local pool, once per data folder, as the admin
 * commands create users on AWS: with their user name, email, name, team and groups. Each gets a
 * random password (kept in `passwordFile`, 0600; Cognito keeps none it could show again), made
 * permanent for all but {@link firstDayUserId}. Answers each account, and whether any was new
 * (start-up prints passwords only then).
 *
 * @example
 * const { accounts, created } = await provideDemoAccounts(pool, '.data/user-pool/demo-passwords.json');
 */
export async function provideDemoAccounts(pool: LocalPoolClient, passwordFile: string): Promise<{ accounts: DemoAccount[]; created: boolean }> {
  const known = new Map(
    Object.entries(((await readPrivateJsonFile(passwordFile, (reason) => new Error(`${passwordFile} ${reason}`))) ?? {}) as Record<string, string>),
  );
  let created = false;
  const accounts: DemoAccount[] = [];
  for (const user of demoDirectory) {
    let status = await pool.cognito.send(new AdminGetUserCommand({ UserPoolId: pool.poolId, Username: user.userId })).then(
      (answer) => answer.UserStatus,
      (error: unknown) => (error instanceof UserNotFoundException ? undefined : Promise.reject(error)),
    );
    if (status === undefined) {
      const password = aPassword();
      await pool.cognito.send(
        new AdminCreateUserCommand({
          UserPoolId: pool.poolId,
          Username: user.userId,
          TemporaryPassword: password,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: user.email },
            { Name: 'email_verified', Value: 'true' },
            { Name: 'name', Value: user.name },
            ...(user.team === undefined ? [] : [{ Name: 'custom:team', Value: user.team }]),
          ],
        }),
      );
      for (const group of user.groups)
        await pool.cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: pool.poolId, Username: user.userId, GroupName: group }));
      if (user.userId !== firstDayUserId) {
        await pool.cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.poolId, Username: user.userId, Password: password, Permanent: true }));
      }
      known.set(user.userId, password);
      status = user.userId === firstDayUserId ? 'FORCE_CHANGE_PASSWORD' : 'CONFIRMED';
      created = true;
    }
    const mustChangePassword = status === 'FORCE_CHANGE_PASSWORD';
    // The first-day user's own password, once chosen, is hers: the file's temporary one no longer signs in.
    const password = user.userId === firstDayUserId && !mustChangePassword ? undefined : known.get(user.userId);
    accounts.push({
      userId: user.userId,
      name: user.name,
      title: user.title,
      ...(user.team === undefined ? {} : { team: user.team }),
      ...(password === undefined ? {} : { password }),
      mustChangePassword,
    });
  }
  if (created) await writePrivateFile(passwordFile, `${JSON.stringify(Object.fromEntries(known), null, 2)}\n`);
  return { accounts, created };
}

/**
 * Signs in as `userId` with `password` through the pool's public client, as the console does,
 * and answers the ID token (what the supervisor API reads).
 *
 * @example
 * const token = await signInForIdToken(pool, 'admin-grace', password);
 */
export async function signInForIdToken(pool: LocalPoolClient, userId: string, password: string): Promise<string> {
  const answer = await pool.cognito.send(
    new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: userId, PASSWORD: password } }),
  );
  const token = answer.AuthenticationResult?.IdToken;
  if (token === undefined)
    throw new Error(`${userId} must answer ${answer.ChallengeName ?? 'a challenge'} before signing in (the console asks for a new password)`);
  return token;
}

/** 20 random characters and one of each kind the pool's policy asks for (12+, upper, lower, digit, symbol). */
const aPassword = (): string => `${randomBytes(15).toString('base64url')}-Aa7`;

/** What `.data/local.json` says of the pool and its demo users. */
export interface LocalPoolConnection {
  readonly userPool: { readonly endpoint: string; readonly poolId: string; readonly clientId: string };
  readonly demoUsers: readonly DemoAccount[];
}

/**
 * A fresh ID token of a demo user of the running pipeline (its pool and the user's password from
 * local.json), signed in as the console signs in. For the local commands that act as a supervisor.
 *
 * @example
 * const token = await demoUserToken(connection, 'admin-grace');
 */
export async function demoUserToken(connection: LocalPoolConnection, userId: string): Promise<string> {
  const account = connection.demoUsers.find((candidate) => candidate.userId === userId);
  if (account === undefined) throw new Error(`No demo user ${userId}; the demo users are ${connection.demoUsers.map((user) => user.userId).join(', ')}`);
  if (account.password === undefined) throw new Error(`${userId} has chosen their own password; sign in as them in the console, or as another demo user`);
  const cognito = new CognitoIdentityProviderClient(localClientConfig(connection.userPool.endpoint));
  try {
    return await signInForIdToken({ cognito, poolId: connection.userPool.poolId, clientId: connection.userPool.clientId }, userId, account.password);
  } finally {
    cognito.destroy();
  }
}
