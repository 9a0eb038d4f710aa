import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serveLoopbackHostsOnly } from '../loopback-guard/serve-loopback-hosts-only.ts';
import { readOrCreateAuthKey } from './auth-key-file.ts';
import { type DemoUser, demoDirectory } from './demo-directory.ts';
import { localTokenAudience, mintSupervisorToken } from './mint-supervisor-token.ts';

/** The running local issuer: what a Cognito user pool is to the supervisor API on AWS. */
export interface LocalTokenIssuer {
  /** `iss` of its tokens, and the base of its well-known documents (`http://127.0.0.1:<port>`). */
  readonly url: string;
  readonly jwksUrl: string;
  /** The app client id its tokens carry in `aud`: the verifier's `JWT_AUDIENCE`. */
  readonly audience: string;
  /** The `kid` it signs with; the same after a restart, as the key is kept in the data dir. */
  readonly kid: string;
  /** A Cognito-shaped ID token for `user`, valid for `ttl` (`12h`, `30m`, `2d`). */
  mintSupervisorToken(user: Pick<DemoUser, 'userId' | 'name' | 'email' | 'groups' | 'team'>, options: { ttl: string }): Promise<string>;
  /** A token for every user of the demo directory, by userId (what `.data/local.json` lists as `supervisorTokens`). */
  mintDemoTokens(options: { ttl: string }): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/**
 * Starts the local stand-in for a Cognito user pool on 127.0.0.1 (a free port): it serves
 * `/.well-known/jwks.json` and `/.well-known/openid-configuration` as Cognito does under its
 * issuer URL, and mints RS256 ID tokens with the key kept in `<dataDir>/auth-keys.json` (0600,
 * made on first start; a damaged file is refused, never replaced). The supervisor API verifies
 * these tokens with the same `createJwtVerifier` as Cognito's, pointed at this issuer. Like every
 * local server it answers only Host 127.0.0.1 or localhost with its port.
 *
 * @example
 * const issuer = await startLocalTokenIssuer('.data/');
 * const token = await issuer.mintSupervisorToken(demoDirectory[0], { ttl: '12h' });
 */
export async function startLocalTokenIssuer(dataDir: string): Promise<LocalTokenIssuer> {
  const key = await readOrCreateAuthKey(join(dataDir, 'auth-keys.json'));
  let url = '';
  const documents = (): Record<string, unknown> => ({
    '/.well-known/jwks.json': { keys: [{ ...key.publicJwk, kid: key.kid, alg: 'RS256', use: 'sig' }] },
    '/.well-known/openid-configuration': {
      issuer: url,
      jwks_uri: `${url}/.well-known/jwks.json`,
      response_types_supported: ['token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'cognito:username', 'cognito:groups', 'custom:team', 'email', 'name', 'token_use'],
    },
  });
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const body = request.method === 'GET' ? documents()[path] : undefined;
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `Not served here: ${request.method} ${path}` }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' }).end(JSON.stringify(body));
  });
  serveLoopbackHostsOnly(server, { serverName: 'The local token issuer' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mint: LocalTokenIssuer['mintSupervisorToken'] = (user, options) => mintSupervisorToken(key, url, user, options);
  return {
    url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    audience: localTokenAudience,
    kid: key.kid,
    mintSupervisorToken: mint,
    mintDemoTokens: async (options) => Object.fromEntries(await Promise.all(demoDirectory.map(async (user) => [user.userId, await mint(user, options)]))),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
