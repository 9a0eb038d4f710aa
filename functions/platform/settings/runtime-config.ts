import * as z from 'zod/mini';

/**
 * Parses the function's settings at cold start, so a missing or malformed variable fails the
 * init with its name instead of failing later on a customer's request.
 *
 * @example
 * ```ts
 * const config = readRuntimeConfig({ TABLE_NAME: z.string().check(z.minLength(1)) }, process.env);
 * ```
 */
export const readRuntimeConfig = <Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  env: Record<string, string | undefined>,
): z.infer<z.ZodMiniObject<Shape>> => {
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid function configuration: ${problems.join('; ')}`);
  }
  return result.data;
};

/** A non-empty setting. */
export const requiredSetting = z.string().check(z.minLength(1));

/**
 * A whole number of days. Required, with no default here: the construct that sets the variable
 * owns the default (`@default` on its prop), so a default is written once.
 */
export const daysSetting = z.coerce.number().check(z.int(), z.gte(1), z.lte(36_500));

/** A comma-separated list such as `billing,other`. */
export const listSetting = z.pipe(
  z.string().check(z.minLength(1)),
  z.transform((value: string) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  ),
);

/**
 * A JSON value, parsed before a schema checks it: `jsonSetting('The survey policy is')` refuses
 * text that is not JSON with "The survey policy is not JSON.", so a truncated variable fails the
 * init naming what it held.
 *
 * @example
 * ```ts
 * const surveyPolicySetting = z.pipe(jsonSetting('The survey policy is'), surveyPolicySettingsSchema);
 * ```
 */
export const jsonSetting = (subject: string) =>
  z.pipe(
    z.string().check(z.minLength(1)),
    z.transform((value: string, context) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        context.issues.push({ code: 'custom', message: `${subject} not JSON.`, input: value });
        return z.NEVER;
      }
    }),
  );
