import { type SupervisorClaims, type SupervisorRole, supervisorClaimsSchema, supervisorRoles } from '../contracts/supervisor-claims.ts';
import { SupervisorAccessError } from './errors.ts';

/** Who a verified token names, with only the groups the API knows, highest role first. */
export interface SupervisorIdentity {
  /** The user's name in the pool (`cognito:username`), the one key every escalation, rota and email uses. */
  readonly userId: string;
  readonly email?: string;
  readonly groups: readonly SupervisorRole[];
  readonly team?: string;
}

/** Which escalations an identity may see and act on. */
export type SupervisorScope = { readonly kind: 'all' } | { readonly kind: 'team'; readonly team: string };

const isRole = (group: string): group is SupervisorRole => (supervisorRoles as readonly string[]).includes(group);

/**
 * The identity in a token's claims (already verified for signature, issuer, audience and time), as
 * the token holds them (`cognito:groups` an array). Groups are matched by their whole name and
 * unknown ones dropped; claims that do not have Cognito's shape are an invalid token.
 *
 * @example
 * ```ts
 * supervisorIdentity({ sub: '7d0c…', 'cognito:username': 'lead-kenji', token_use: 'id', 'cognito:groups': ['lead'], 'custom:team': 'network' });
 * // { userId: 'lead-kenji', groups: ['lead'], team: 'network' }
 * ```
 */
export function supervisorIdentity(claims: unknown): SupervisorIdentity {
  const parsed = supervisorClaimsSchema.safeParse(claims);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(claims)');
    throw new SupervisorAccessError('invalid_token', `The token's claims are invalid at ${paths.join(', ')}.`, { reason: 'invalid_claims' });
  }
  return identityOf(parsed.data);
}

// Whole group names only: a group named "x admin", "x,admin" or "[admin]" is not "admin" and grants nothing.
function identityOf(claims: SupervisorClaims): SupervisorIdentity {
  const groups = [...new Set((claims['cognito:groups'] ?? []).filter(isRole))].sort((a, b) => roleRank(b) - roleRank(a));
  return {
    userId: claims.token_use === 'id' ? claims['cognito:username'] : claims.username,
    groups,
    ...(claims.email === undefined ? {} : { email: claims.email }),
    ...(claims['custom:team'] === undefined ? {} : { team: claims['custom:team'] }),
  };
}

/**
 * A role's place in the order supervisor < lead < admin: the higher one wins when a user is in several groups.
 *
 * @example
 * ```ts
 * roleRank('admin') > roleRank('lead'); // true
 * ```
 *
 * @internal exported for its tests only
 */
export function roleRank(role: SupervisorRole): number {
  return supervisorRoles.indexOf(role);
}

/**
 * The identity's highest role, or `undefined` when it is in none of the API's groups.
 *
 * @example
 * ```ts
 * highestRole({ userId: 'u1', groups: ['supervisor', 'admin'] }); // 'admin'
 * ```
 */
export function highestRole(identity: SupervisorIdentity): SupervisorRole | undefined {
  return identity.groups.reduce<SupervisorRole | undefined>(
    (highest, role) => (highest === undefined || roleRank(role) > roleRank(highest) ? role : highest),
    undefined,
  );
}

/**
 * What the identity may see: an admin everything, a supervisor or a lead their own team. A user
 * in no group, or a supervisor or lead without a team, is refused with `forbidden`.
 *
 * @example
 * ```ts
 * scopeOf({ userId: 'u1', groups: ['supervisor'], team: 'billing' }); // { kind: 'team', team: 'billing' }
 * scopeOf({ userId: 'u2', groups: ['admin'] }); // { kind: 'all' }
 * ```
 */
export function scopeOf(identity: SupervisorIdentity): SupervisorScope {
  const role = highestRole(identity);
  if (role === 'admin') return { kind: 'all' };
  if (role === undefined) throw new SupervisorAccessError('forbidden', 'This user is in none of the groups supervisor, lead or admin.');
  if (identity.team === undefined) throw new SupervisorAccessError('forbidden', `This ${role} belongs to no team.`);
  return { kind: 'team', team: identity.team };
}
