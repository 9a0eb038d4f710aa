import { runWithoutBlocking } from '../../helpers/run-without-blocking.ts';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AdminDisableUserCommand,
  AdminSetUserPasswordCommand,
  AdminEnableUserCommand,
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '../../../local/auth/demo-directory.ts';
import { localClientConfig } from '../../../local/emulators/local-aws.ts';
import { type LocalPipeline, startLocalPipeline } from '../../../local/start-local-pipeline.ts';
import { identityThroughGateway } from '../../helpers/identity-through-gateway.ts';
import { createFixtureApp } from '../fixtures/fixture-app.ts';

// The demo supervisor the README names: start-up leaves her first sign-in to meet the challenge.
const firstDayUserId = 'sup-cloud-eva';
const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const projectDataDir = join(projectRoot, '.data');

describe('the local user pool and its demo users', () => {
  let pipeline: LocalPipeline;
  let dataDir: string;
  let cognito: CognitoIdentityProviderClient;
  const startLines: string[] = [];

  const start = async () => {
    pipeline = await startLocalPipeline({ dataDir, port: 0, createApp: createFixtureApp, functionLog: () => {}, log: (line) => startLines.push(line) });
    // What `npm start` writes; `npm run token` reads the pool and the passwords from it.
    const { stop: _stop, reload: _reload, world: _world, timings: _timings, ...connection } = pipeline;
    await writeFile(join(dataDir, 'local.json'), JSON.stringify(connection));
    cognito = new CognitoIdentityProviderClient(localClientConfig(pipeline.userPool.endpoint));
  };
  beforeAll(async () => {
    await mkdir(projectDataDir, { recursive: true });
    dataDir = await mkdtemp(join(projectDataDir, 'test-auth-'));
    await start();
  });
  afterAll(async () => {
    cognito?.destroy();
    await pipeline?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  // The issuer and audience the gateway checks console requests against, as local.json says.
  const verify = (token: string | undefined) => identityThroughGateway({ url: pipeline.authIssuerUrl, audience: pipeline.userPool.clientId }, token);
  const passwordOf = (userId: string) => pipeline.demoUsers.find((user) => user.userId === userId)!.password!;
  const signIn = (userName: string, password: string) =>
    cognito.send(
      new InitiateAuthCommand({
        ClientId: pipeline.userPool.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: userName, PASSWORD: password },
      }),
    );
  const token = (...args: string[]) =>
    runWithoutBlocking(`'${process.execPath}' --import tsx local/cli/mint-token.ts ${args.join(' ')}`, { LOCAL_DATA_DIR: `${dataDir}/` });

  it('signs every demo user in at start but the first-day one, with tokens the gateway accepts as that user', async () => {
    const signedIn = demoDirectory.map((user) => user.userId).filter((userId) => userId !== firstDayUserId);
    expect(Object.keys(pipeline.supervisorTokens).sort()).toEqual(signedIn.sort());
    for (const user of demoDirectory.filter((candidate) => candidate.userId !== firstDayUserId)) {
      await expect(verify(pipeline.supervisorTokens[user.userId])).resolves.toMatchObject({ userId: user.userId, groups: user.groups });
      // Shaped as Cognito's: a drawn UUID for sub, the user name apart, the name attribute, an hour's life.
      const claims = decodeJwt(pipeline.supervisorTokens[user.userId]!);
      expect(claims).toMatchObject({ 'cognito:username': user.userId, name: user.name, email: user.email, token_use: 'id' });
      expect(claims.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(claims.exp! - claims.iat!).toBe(3600);
    }
    expect(startLines.filter((line) => line.includes(passwordOf('admin-grace')))).toHaveLength(1);
  });

  it('leaves the first-day user to meet the new-password challenge, as an account an admin made on AWS does', async () => {
    expect(pipeline.demoUsers.find((user) => user.userId === firstDayUserId)).toMatchObject({ mustChangePassword: true });
    const first = await signIn(firstDayUserId, passwordOf(firstDayUserId));
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(await token(firstDayUserId)).toMatchObject({ status: 1, stderr: expect.stringContaining('NEW_PASSWORD_REQUIRED') });

    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: pipeline.userPool.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: firstDayUserId, NEW_PASSWORD: 'Her-Own-Passw0rd!' },
      }),
    );
    await expect(verify(answered.AuthenticationResult?.IdToken)).resolves.toMatchObject({ userId: firstDayUserId, team: 'cloud-platform' });
    // The session that answer began refreshes, as Cognito's does.
    const refreshed = await cognito.send(
      new InitiateAuthCommand({
        ClientId: pipeline.userPool.clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: answered.AuthenticationResult!.RefreshToken! },
      }),
    );
    await expect(verify(refreshed.AuthenticationResult?.IdToken)).resolves.toMatchObject({ userId: firstDayUserId });
  });

  it('signs in by the email alias and by the user name in any case, as the pool is set up on AWS', async () => {
    const ana = demoDirectory.find((user) => user.userId === 'sup-general-ana')!;
    for (const userName of [ana.email.toUpperCase(), 'Sup-General-Ana']) {
      const answer = await signIn(userName, passwordOf(ana.userId));
      expect(decodeJwt(answer.AuthenticationResult!.IdToken!)['cognito:username']).toBe(ana.userId);
    }
    // A wrong password and an unknown user get the same answer: nothing tells which user names exist.
    for (const [userName, password] of [
      ['sup-general-ana', 'Wrong-Passw0rd!'],
      ['nobody-here', 'Any-Passw0rd!'],
    ] as const) {
      await expect(signIn(userName, password)).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    }
  });

  it('refuses a disabled user at sign-in and at refresh, as Cognito does', async () => {
    const { AuthenticationResult } = await signIn('sup-general-ben', passwordOf('sup-general-ben'));
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: pipeline.userPool.poolId, Username: 'sup-general-ben' }));
    try {
      await expect(signIn('sup-general-ben', passwordOf('sup-general-ben'))).rejects.toMatchObject({
        name: 'NotAuthorizedException',
        message: 'User is disabled.',
      });
      await expect(
        cognito.send(
          new InitiateAuthCommand({
            ClientId: pipeline.userPool.clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
          }),
        ),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    } finally {
      await cognito.send(new AdminEnableUserCommand({ UserPoolId: pipeline.userPool.poolId, Username: 'sup-general-ben' }));
    }
  });

  it('gets a fresh token with `npm run token`, which the gateway accepts', async () => {
    const result = await token('lead-cloud-femi');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    await expect(verify(result.stdout.trim())).resolves.toEqual({
      userId: 'lead-cloud-femi',
      email: 'femi.adeyemi@example.com',
      groups: ['lead'],
      team: 'cloud-platform',
    });
  });

  it.each([
    ['an unknown user', ['nobody'], 'No demo user nobody'],
    ['no user', [], 'Usage: npm run token'],
    ['an option it does not take', ['admin-grace', '--ttl', '8h'], 'Usage: npm run token'],
  ])('refuses %s with a message and exit code 1', async (_name, args, message) => {
    const result = await token(...args);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('keeps the users, their passwords and subs across a restart, and prints no password again', async () => {
    const subBefore = decodeJwt(pipeline.supervisorTokens['admin-grace']!).sub;
    // Ben changes his password (as the console's reset does): the next start has no token for him, and starts.
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: pipeline.userPool.poolId, Username: 'sup-general-ben', Password: 'Bens-Own-Passw0rd!', Permanent: true }),
    );
    cognito.destroy();
    await pipeline.stop();
    startLines.length = 0;
    await start();
    expect(decodeJwt(pipeline.supervisorTokens['admin-grace']!).sub).toBe(subBefore);
    expect(pipeline.supervisorTokens['sup-general-ben']).toBeUndefined();
    expect(startLines.join('\n')).toContain('sup-general-ben no longer signs in with the password start-up gave them');
    expect(startLines.join('\n')).not.toContain(passwordOf('admin-grace'));
    // She chose her own password before the restart: local.json no longer lists the temporary one.
    expect(pipeline.demoUsers.find((user) => user.userId === firstDayUserId)).toEqual(expect.not.objectContaining({ password: expect.anything() }));
  });
});
