import * as z from 'zod/mini';

/**
 * The `SES_MAX_SEND_RATE` setting: the account's SES sending rate in emails per second (a new
 * production account gets 14, the sandbox 1, the least it may be), which the dispatcher's per-run
 * cap, the mailer's pace and campaign staggering obey.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ SES_MAX_SEND_RATE: sesMaxSendRateSetting }, process.env);
 * ```
 */
export const sesMaxSendRateSetting = z.coerce.number().check(z.gte(1), z.lte(100_000));
