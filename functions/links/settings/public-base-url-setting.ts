import * as z from 'zod/mini';
import { parsePublicBaseUrl } from '../core/public-base-url.ts';

/**
 * The `PUBLIC_BASE_URL` setting, parsed at cold start so a bad value fails the init with its
 * reason rather than mailing customers broken links.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ PUBLIC_BASE_URL: publicBaseUrlSetting }, process.env);
 * ```
 */
export const publicBaseUrlSetting = z.pipe(
  z.string().check(z.minLength(1)),
  z.transform((value: string, context) => {
    try {
      return parsePublicBaseUrl(value);
    } catch (error) {
      context.issues.push({ code: 'custom', message: (error as Error).message, input: value });
      return z.NEVER;
    }
  }),
);
