import * as z from 'zod/mini';

/**
 * The claims of a verified supervisor token that the API reads, as Cognito writes them: `sub`,
 * `token_use` (`id` or `access`), `cognito:groups` (absent when the user is in no group),
 * `custom:team` and `email` (ID tokens only), as the token holds them or as API Gateway's JWT
 * authorizer passes them in `requestContext.authorizer.jwt.claims` (every value a string). Other claims pass through untouched; signature,
 * `iss`, `aud`/`client_id` and the times are checked by the verifier, not here.
 */
export const supervisorClaimsSchema = z.looseObject({
  sub: z.string().check(z.minLength(1)),
  token_use: z.enum(['id', 'access']),
  // An array in the token; a string such as "[supervisor lead]" once API Gateway's JWT authorizer
  // has passed it on (payload 2.0 gives every claim as a string, arrays space-separated in brackets).
  'cognito:groups': z.optional(z.union([z.array(z.string()), z.string()])),
  'custom:team': z.optional(z.string().check(z.minLength(1))),
  email: z.optional(z.string()),
});
export type SupervisorClaims = z.infer<typeof supervisorClaimsSchema>;
