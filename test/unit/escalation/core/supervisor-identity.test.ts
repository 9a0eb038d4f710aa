import { describe, expect, it } from 'vitest';
import { highestRole, roleRank, type SupervisorIdentity, scopeOf, supervisorIdentity } from '../../../../functions/escalation/core/supervisor-identity.ts';
import { supervisorRoles } from '../../../../functions/escalation/contracts/supervisor-claims.ts';
import { SupervisorAccessError } from '../../../../functions/escalation/core/errors.ts';

// As Cognito issues them: `sub` a UUID the pool drew, the user name the one an admin chose.
const sub = '7d0c5d2e-4f61-4a0b-9c1e-2b8f3e6a9d10';
const idClaims = { sub, 'cognito:username': 'user-1', token_use: 'id' };

describe('supervisorIdentity', () => {
  it.each([
    [
      'an ID token of a supervisor',
      { ...idClaims, 'cognito:groups': ['supervisor'], 'custom:team': 'network', email: 'a@example.com' },
      { userId: 'user-1', email: 'a@example.com', groups: ['supervisor'], team: 'network' },
    ],
    [
      'an access token (no email, no team)',
      { sub, username: 'user-1', token_use: 'access', client_id: 'c', 'cognito:groups': ['admin'] },
      { userId: 'user-1', groups: ['admin'] },
    ],
    ['a user in no group (Cognito omits the claim)', idClaims, { userId: 'user-1', groups: [] }],
    ['groups the API does not know, dropped', { ...idClaims, 'cognito:groups': ['billing-readers', 'lead'] }, { userId: 'user-1', groups: ['lead'] }],
    [
      'several roles, highest first and once each',
      { ...idClaims, 'cognito:groups': ['supervisor', 'admin', 'lead', 'admin'] },
      { userId: 'user-1', groups: ['admin', 'lead', 'supervisor'] },
    ],
    ['a group whose name holds a space and a role, as no role', { ...idClaims, 'cognito:groups': ['x admin'] }, { userId: 'user-1', groups: [] }],
    ['a group whose name holds a comma and a role, as no role', { ...idClaims, 'cognito:groups': ['x,admin', 'lead'] }, { userId: 'user-1', groups: ['lead'] }],
    ['a group whose name brackets a role, as no role', { ...idClaims, 'cognito:groups': ['[admin]'] }, { userId: 'user-1', groups: [] }],
    ['a role name in another case, as no role', { ...idClaims, 'cognito:groups': ['Admin'] }, { userId: 'user-1', groups: [] }],
  ])('reads %s', (_name, claims, identity) => {
    expect(supervisorIdentity(claims)).toEqual(identity);
  });

  it('names the user by the pool user name, never by the sub the pool drew', () => {
    expect(supervisorIdentity({ ...idClaims, 'cognito:username': 'sup-general-ana' }).userId).toBe('sup-general-ana');
    expect(supervisorIdentity({ sub, username: 'sup-general-ana', token_use: 'access' }).userId).toBe('sup-general-ana');
  });

  it.each([
    ['no sub', { 'cognito:username': 'u', token_use: 'id' }, 'sub'],
    ['an empty sub', { ...idClaims, sub: '' }, 'sub'],
    ['no token_use', { sub: 'u', 'cognito:username': 'u' }, 'token_use'],
    ['a refresh token_use', { sub: 'u', 'cognito:username': 'u', token_use: 'refresh' }, 'token_use'],
    ['an ID token with no user name', { sub, token_use: 'id' }, 'cognito:username'],
    ['an access token with no user name', { sub, token_use: 'access', 'cognito:username': 'u' }, 'username'],
    ['a user name that is not a directory id', { ...idClaims, 'cognito:username': '<b>ana</b>' }, 'cognito:username'],
    ['groups not a list', { ...idClaims, 'cognito:groups': 7 }, 'cognito:groups'],
    // API Gateway's flattened form: "[x admin]" cannot tell one group from two, so it is never read.
    ["groups as API Gateway's JWT authorizer flattens them", { ...idClaims, 'cognito:groups': '[supervisor lead]' }, 'cognito:groups'],
    ['an empty team', { ...idClaims, 'custom:team': '' }, 'custom:team'],
  ])('refuses claims with %s as an invalid token naming the claim', (_name, claims, path) => {
    const error = catchError(() => supervisorIdentity(claims));
    expect(error).toBeInstanceOf(SupervisorAccessError);
    expect(error).toMatchObject({ code: 'invalid_token', reason: 'invalid_claims' });
    expect((error as Error).message).toContain(path);
  });
});

describe('the role names', () => {
  // API Gateway hands `cognito:groups` on as "[a b]": a role name that held white space, a comma or
  // a bracket would not survive it. The SupervisorSignIn construct creates one group per role.
  it.each(supervisorRoles)('keep %s free of white space, commas and brackets', (role) => {
    expect(role).toMatch(/^[^\s,[\]]+$/);
  });
});

describe('the role order', () => {
  it('puts admin above lead above supervisor', () => {
    expect(roleRank('admin')).toBeGreaterThan(roleRank('lead'));
    expect(roleRank('lead')).toBeGreaterThan(roleRank('supervisor'));
  });

  it.each([
    [['supervisor'], 'supervisor'],
    [['supervisor', 'lead'], 'lead'],
    [['lead', 'admin', 'supervisor'], 'admin'],
    [[], undefined],
  ] as const)('gives %j the highest role %s', (groups, role) => {
    expect(highestRole({ userId: 'u', groups })).toBe(role);
  });
});

describe('scopeOf', () => {
  it.each<[string, SupervisorIdentity, ReturnType<typeof scopeOf>]>([
    ['a supervisor sees their team', { userId: 'u', groups: ['supervisor'], team: 'network' }, { kind: 'team', team: 'network' }],
    ['a lead sees their team', { userId: 'u', groups: ['lead'], team: 'billing' }, { kind: 'team', team: 'billing' }],
    ['an admin sees all', { userId: 'u', groups: ['admin'] }, { kind: 'all' }],
    ['an admin with a team still sees all', { userId: 'u', groups: ['admin', 'supervisor'], team: 'network' }, { kind: 'all' }],
  ])('%s', (_name, identity, scope) => {
    expect(scopeOf(identity)).toEqual(scope);
  });

  it.each<[string, SupervisorIdentity]>([
    ['a user in no group', { userId: 'u', groups: [], team: 'network' }],
    ['a supervisor without a team', { userId: 'u', groups: ['supervisor'] }],
    ['a lead without a team', { userId: 'u', groups: ['lead'] }],
  ])('refuses %s as forbidden', (_name, identity) => {
    const error = catchError(() => scopeOf(identity));
    expect(error).toBeInstanceOf(SupervisorAccessError);
    expect(error).toMatchObject({ code: 'forbidden' });
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
