import * as z from 'zod/mini';
import { MAX_BODY_BYTES } from './request-limits.ts';
import { complaintReceiptSchema, complaintStatusViewSchema, errorBodySchema, feedbackReceiptSchema } from './api-responses.ts';
import { complaintSubmissionSchema } from './complaint-submission.ts';
import { feedbackSubmissionSchema } from './feedback-submission.ts';

const jsonSchemaOf = (schema: z.ZodMiniType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io }) as Record<string, unknown>;
  return rest;
};
const json = (schema: z.ZodMiniType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: jsonSchemaOf(schema, io) } });
const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'A retry with the same key and body gets the same answer and stores one record.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

const intakeErrors = {
  '400': error('invalid_json, duplicate_key (a member named twice), validation_failed (the first 20 problems in details) or invalid_idempotency_key'),
  '413': error(`payload_too_large: the body is over ${MAX_BODY_BYTES} bytes`),
  '415': error('unsupported_media_type: send application/json'),
  '503': error('service_unavailable: retry with the same Idempotency-Key'),
};

/**
 * The OpenAPI 3.1 document of the public API, generated from the same zod schemas the handlers
 * validate with, so the document cannot drift from the code.
 *
 * @example
 * ```ts
 * writeFileSync('docs/openapi.json', JSON.stringify(openApiDocument(DEFAULT_COMPLAINT_CATEGORIES), null, 2));
 * ```
 */
export const openApiDocument = (complaintCategories: readonly string[]) => ({
  openapi: '3.1.0',
  info: {
    title: 'Support feedback and complaint pipeline',
    version: '1',
    description:
      'Text is stored exactly as sent; control characters, broken Unicode, U+FFFE/U+FFFF, text with nothing visible and, in one-line fields, bidirectional controls (U+202A-U+202E, U+2066-U+2069) are refused.',
  },
  paths: {
    '/complaints': {
      post: {
        summary: 'File a complaint about technical support',
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(complaintSubmissionSchema(complaintCategories), 'input') },
        responses: { '202': { description: 'Accepted and queued', content: json(complaintReceiptSchema) }, ...intakeErrors },
      },
    },
    '/complaints/status': {
      get: {
        summary: "A complaint's status, for the holder of its signed status link",
        parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: '`queued` until stored, then `received`', content: json(complaintStatusViewSchema) },
          '401': error('invalid_token: missing, malformed or tampered with'),
          '410': error('token_expired'),
          '503': error('service_unavailable'),
        },
      },
    },
    '/feedback': {
      post: {
        summary: 'Give feedback on the support site or a help article (anonymous)',
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(feedbackSubmissionSchema, 'input') },
        responses: { '202': { description: 'Accepted and queued', content: json(feedbackReceiptSchema) }, ...intakeErrors },
      },
    },
  },
  components: { schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') } },
});
