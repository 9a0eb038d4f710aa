import { error, json, jsonSchemaOf } from './openapi-parts.ts';
import { MAX_BODY_BYTES } from './request-limits.ts';
import { complaintReceiptSchema, complaintStatusViewSchema, errorBodySchema, feedbackReceiptSchema } from './api-responses.ts';
import { complaintSubmissionSchema } from './complaint-submission.ts';
import { feedbackSubmissionSchema } from './feedback-submission.ts';
import { supervisorApiPaths, supervisorSecurityScheme } from './supervisor-api-paths.ts';

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'A retry with the same key and body gets the same answer and stores one record.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

// The HTTP API's `$default` stage serves at the root of its execute-api URL (no stage segment);
// `npm start` serves the same routes on localhost.
const servers: { url: string; description: string; variables: Record<string, { default: string; description: string }> }[] = [
  {
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
    description: 'Deployed: the `ApiUrl` output of `cdk deploy`',
    variables: { apiId: { default: 'abcde12345', description: 'The HTTP API id' }, region: { default: 'eu-west-1', description: 'The AWS Region' } },
  },
  { url: 'http://localhost:{port}', description: '`npm start` on this machine', variables: { port: { default: '3000', description: 'PORT' } } },
];

// Public routes take no credentials: anyone may complain or give feedback (the stage throttles
// them), and a complaint's status is guarded by the signed token in its link, not by a login.
const noAuthentication: never[] = [];

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
      'Text is stored exactly as sent; control characters, broken Unicode, U+FFFE/U+FFFF, text with nothing visible and, in one-line fields, bidirectional controls (U+202A-U+202E, U+2066-U+2069) are refused. ' +
      'The public routes take no authentication (`security: []`): a status link carries its own signed token. The supervisor routes (`/escalations`) need a supervisor token.',
  },
  servers,
  paths: {
    '/complaints': {
      post: {
        operationId: 'submitComplaint',
        summary: 'File a complaint about technical support',
        security: noAuthentication,
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(complaintSubmissionSchema(complaintCategories), 'input') },
        responses: { '202': { description: 'Accepted and queued', content: json(complaintReceiptSchema) }, ...intakeErrors },
      },
    },
    '/complaints/status': {
      get: {
        operationId: 'getComplaintStatus',
        summary: "A complaint's status, for the holder of its signed status link",
        security: noAuthentication,
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
        operationId: 'submitFeedback',
        summary: 'Give feedback on the support site or a help article (anonymous)',
        security: noAuthentication,
        parameters: [idempotencyKey],
        requestBody: { required: true, content: json(feedbackSubmissionSchema, 'input') },
        responses: { '202': { description: 'Accepted and queued', content: json(feedbackReceiptSchema) }, ...intakeErrors },
      },
    },
    ...supervisorApiPaths,
  },
  components: { schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') }, securitySchemes: supervisorSecurityScheme },
});
