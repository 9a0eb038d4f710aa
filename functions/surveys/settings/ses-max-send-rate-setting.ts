import * as z from 'zod/mini';

/**
 * The `SES_MAX_SEND_RATE` setting: the account's SES sending rate in emails per second (a new
 * production account gets 14), which the dispatcher's per-run cap and campaign staggering obey.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ SES_MAX_SEND_RATE: sesMaxSendRateSetting }, process.env);
 * ```
 */
export const sesMaxSendRateSetting = z.coerce.number().check(z.gt(0), z.lte(100_000));
