import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleLocalUsers } from '../../../local/auth/console-local-users.ts';
import { demoDirectory } from '../../../local/auth/demo-directory.ts';
import { type LocalTokenIssuer, startLocalTokenIssuer } from '../../../local/auth/local-token-issuer.ts';
import { identityThroughGateway } from '../../helpers/identity-through-gateway.ts';

let dataDir: string;
let issuer: LocalTokenIssuer;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-users-'));
  issuer = await startLocalTokenIssuer(dataDir);
});
afterAll(async () => {
  await issuer.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('consoleLocalUsers', () => {
  it('offers every demo user with a token the supervisor API verifies as that user', async () => {
    const { users } = (await consoleLocalUsers(issuer)) as { users: { userId: string; name: string; token: string }[] };
    expect(users.map((user) => user.userId)).toEqual(demoDirectory.map((user) => user.userId));
    expect(await identityThroughGateway(issuer, users[0]!.token)).toMatchObject({
      userId: demoDirectory[0]!.userId,
      team: demoDirectory[0]!.team,
      groups: demoDirectory[0]!.groups,
    });
  });
});
