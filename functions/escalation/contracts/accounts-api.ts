import * as z from 'zod/mini';
import { supervisorRoles } from './supervisor-claims.ts';

/**
 * A new account's user name, which is the person's key everywhere and never changes: lower case,
 * digits and hyphens (`sup-japan-mei`), as the admin command takes it.
 */
export const accountUserName = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'Use lower case letters, digits and hyphens (sup-japan-mei).'));

const teamName = z.string().check(z.minLength(1), z.maxLength(64));

/** `POST /accounts` (admins): a person with a sign-in account, their role and (but for an admin) their team. */
export const newAccountBodySchema = z
  .strictObject({
    user: accountUserName,
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(128)),
    email: z.email().check(z.maxLength(254)),
    role: z.enum(supervisorRoles),
    team: z.optional(teamName),
    /** In the team, but out of the round-robin until someone clears it. */
    away: z.optional(z.boolean()),
  })
  .check(z.refine(({ role, team }) => role === 'admin' || team !== undefined, { message: 'A supervisor or a lead belongs to a team.', path: ['team'] }));

/** `PUT /accounts/{id}/team` (admins): the supervisor's new team; they join the end of its round-robin. */
export const accountTeamBodySchema = z.strictObject({ team: teamName });

/** `200`/`201` of the account routes: who, and what happened in words a console can show as they are. */
export const accountAnswerSchema = z.strictObject({
  user: z.string(),
  /** `created`, `moved`, `disabled` or `enabled`. */
  outcome: z.enum(['created', 'moved', 'disabled', 'enabled']),
  /** Set by a disable: the directory lists them, so they are marked away and get no new escalations. */
  markedAway: z.optional(z.boolean()),
});
