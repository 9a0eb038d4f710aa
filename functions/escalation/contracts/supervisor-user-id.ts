import * as z from 'zod/mini';

/**
 * A user id of the sign-in directory (the supervisor directory's `id`, a reassign's `to`): letters,
 * digits and `. _ @ -`, so it is safe in keys, logs and pages as it is.
 *
 * @example
 * ```ts
 * supervisorUserId.safeParse('sup-japan-yui').success; // true
 * supervisorUserId.safeParse('<b>yui</b>').success;   // false
 * ```
 */
export const supervisorUserId = z.string().check(z.regex(/^[A-Za-z0-9._@-]{1,128}$/, 'Use the user id of the sign-in directory (letters, digits, . _ @ -).'));
