import { demoDirectory } from './demo-directory.ts';
import type { LocalTokenIssuer } from './local-token-issuer.ts';

/** The local-only path the console asks for demo users; on AWS nothing serves it (a 404), so the console shows Cognito's form. */
export const consoleLocalUsersPath = '/console/local-users';

/**
 * `GET /console/local-users` of the local gateway: each demo user with a fresh token from the
 * local issuer, so the console's "pick a demo user" sign-in needs no password and no code of it
 * ships to AWS. Local mode listens on 127.0.0.1 only, and the gateway hands this route's answer
 * only to the console's own origin, without CORS headers (`serveHttpApi`'s local routes).
 *
 * @example
 * const body = await consoleLocalUsers(issuer); // { users: [{ userId: 'sup-general-ana', name: 'Ana Lima', token: 'eyJ…', … }] }
 */
export async function consoleLocalUsers(issuer: Pick<LocalTokenIssuer, 'mintSupervisorToken'>): Promise<{ users: unknown[] }> {
  const users = await Promise.all(
    demoDirectory.map(async (user) => ({
      userId: user.userId,
      name: user.name,
      title: user.title,
      ...(user.team === undefined ? {} : { team: user.team }),
      token: await issuer.mintSupervisorToken(user, { ttl: '12h' }),
    })),
  );
  return { users };
}
