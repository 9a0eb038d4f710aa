import * as z from 'zod/mini';
import { supervisorUserId } from './supervisor-user-id.ts';

/** The roles of the supervisor API, lowest first; a Cognito group of the same name grants each. */
export const supervisorRoles = ['supervisor', 'lead', 'admin'] as const;
export type SupervisorRole = (typeof supervisorRoles)[number];

const commonClaims = {
  sub: z.string().check(z.minLength(1)),
  'cognito:groups': z.optional(z.array(z.string())),
  'custom:team': z.optional(z.string().check(z.minLength(1))),
  email: z.optional(z.string()),
};

/**
 * The claims of a verified supervisor token that the API reads, as Cognito writes them. The user's
 * identity is their user name in the pool: `cognito:username` in an ID token, `username` in an
 * access token. It is chosen by the admin who creates the user, never changes, and is what the
 * directory, rotas, escalations, audit entries and emails name; `sub` (a UUID the pool draws) is
 * required, as Cognito always sets it, but joins nothing. `cognito:groups` is absent when the user
 * is in no group; `custom:team` and `email` come in ID tokens only. Read from the token itself: API
 * Gateway's JWT authorizer flattens `cognito:groups` to one string (`[supervisor lead]`), which
 * cannot tell a group named `x admin` from the groups `x` and `admin`, so that form is refused
 * here. Other claims pass through untouched; signature, `iss`, `aud`/`client_id` and the times are
 * checked by API Gateway's JWT authorizer, not here.
 */
export const supervisorClaimsSchema = z.discriminatedUnion('token_use', [
  z.looseObject({ ...commonClaims, token_use: z.literal('id'), 'cognito:username': supervisorUserId }),
  z.looseObject({ ...commonClaims, token_use: z.literal('access'), username: supervisorUserId }),
]);
export type SupervisorClaims = z.infer<typeof supervisorClaimsSchema>;
