import * as z from 'zod/mini';

/**
 * The JSON Schema of a zod schema, as an OpenAPI 3.1 document embeds it (without `$schema`).
 *
 * @example
 * ```ts
 * jsonSchemaOf(errorBodySchema, 'output');
 * ```
 */
export const jsonSchemaOf = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io }) as Record<string, unknown>;
  return rest;
};

/**
 * An OpenAPI `content` of JSON with the schema of `schema`.
 *
 * @example
 * ```ts
 * const requestBody = { required: true, content: json(feedbackSubmissionSchema, 'input') };
 * ```
 */
export const json = (schema: z.ZodMiniType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: jsonSchemaOf(schema, io) } });

/**
 * An error response with the JSON error body.
 *
 * @example
 * ```ts
 * const responses = { '404': error('escalation_not_found') };
 * ```
 */
export const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
