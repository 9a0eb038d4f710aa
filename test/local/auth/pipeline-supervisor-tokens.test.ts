import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '../../../local/auth/demo-directory.ts';
import { localTokenAudience } from '../../../local/auth/mint-supervisor-token.ts';
import { type LocalPipeline, startLocalPipeline } from '../../../local/start-local-pipeline.ts';
import { identityThroughGateway } from '../../helpers/identity-through-gateway.ts';
import { createFixtureApp } from '../fixtures/fixture-app.ts';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const projectDataDir = join(projectRoot, '.data');

describe('supervisor tokens of the local pipeline', () => {
  let pipeline: LocalPipeline;
  let dataDir: string;

  beforeAll(async () => {
    await mkdir(projectDataDir, { recursive: true });
    dataDir = await mkdtemp(join(projectDataDir, 'test-auth-'));
    pipeline = await startLocalPipeline({ dataDir, port: 0, createApp: createFixtureApp, functionLog: () => {} });
    // What `npm start` writes; `npm run token` reads authIssuerUrl from it.
    const { stop: _stop, reload: _reload, world: _world, timings: _timings, ...connection } = pipeline;
    await writeFile(join(dataDir, 'local.json'), JSON.stringify(connection));
  });

  afterAll(async () => {
    await pipeline?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  // The issuer and audience the gateway checks console requests against, as local.json says.
  const verifier = () => ({
    verify: (token: string | undefined) => identityThroughGateway({ url: pipeline.authIssuerUrl, audience: localTokenAudience }, token),
  });
  const mintToken = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'local/cli/mint-token.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, LOCAL_DATA_DIR: dataDir },
      encoding: 'utf8',
    });

  it('lists a token for every demo user that the verifier accepts as that user', async () => {
    expect(Object.keys(pipeline.supervisorTokens).sort()).toEqual(demoDirectory.map((user) => user.userId).sort());
    for (const user of demoDirectory) {
      await expect(verifier().verify(pipeline.supervisorTokens[user.userId])).resolves.toMatchObject({ userId: user.userId, groups: user.groups });
    }
  });

  it('gives the listed tokens 12 hours', () => {
    const claims = decodeJwt(pipeline.supervisorTokens[demoDirectory[0]!.userId]!);
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  it('mints with `npm run token` a token of the asked lifetime that the verifier accepts', async () => {
    const result = mintToken('lead-cloud-femi', '--ttl', '8h');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const token = result.stdout.trim();
    await expect(verifier().verify(token)).resolves.toEqual({
      userId: 'lead-cloud-femi',
      email: 'femi.adeyemi@example.com',
      groups: ['lead'],
      team: 'cloud-platform',
    });
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(8 * 3600);
  });

  it.each([
    ['an unknown user', ['nobody'], 'No demo user nobody'],
    ['no user', [], 'Usage: npm run token'],
    ['a lifetime it cannot read', ['admin-grace', '--ttl', 'forever'], '"forever" is not a token lifetime'],
    ['a lifetime over 30 days', ['admin-grace', '--ttl', '31d'], '"31d" is not a token lifetime'],
  ])('refuses %s with a message and exit code 1', (_name, args, message) => {
    const result = mintToken(...args);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});
