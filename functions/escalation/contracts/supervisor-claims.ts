import * as z from 'zod/mini';

/**
 * The claims of a verified supervisor token that the API reads, as Cognito writes them: `sub`,
 * `token_use` (`id` or `access`), `cognito:groups` (absent when the user is in no group),
 * `custom:team` and `email` (ID tokens only). Read from the token itself: API Gateway's JWT
 * authorizer flattens `cognito:groups` to one string (`[supervisor lead]`), which cannot tell a
 * group named `x admin` from the groups `x` and `admin`, so that form is refused here. Other claims
 * pass through untouched; signature, `iss`, `aud`/`client_id` and the times are checked by the
 * verifier (API Gateway's JWT authorizer, or `createJwtVerifier`), not here.
 */
export const supervisorClaimsSchema = z.looseObject({
  sub: z.string().check(z.minLength(1)),
  token_use: z.enum(['id', 'access']),
  'cognito:groups': z.optional(z.array(z.string())),
  'custom:team': z.optional(z.string().check(z.minLength(1))),
  email: z.optional(z.string()),
});
export type SupervisorClaims = z.infer<typeof supervisorClaimsSchema>;
