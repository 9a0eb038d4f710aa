import { error, json, jsonSchemaOf } from '../functions/platform/http/openapi-parts.ts';
import { MAX_BODY_BYTES } from '../functions/platform/http/request-limits.ts';
import { complaintReceiptSchema, complaintStatusViewSchema, errorBodySchema, feedbackReceiptSchema } from '../functions/intake/contracts/api-responses.ts';
import { caseResolvedSchema } from '../functions/surveys/contracts/case-resolved.ts';
import { caseReopenedSchema } from '../functions/surveys/contracts/case-reopened.ts';
import {
  caseReopenedAnswerSchema,
  invitationScheduledSchema,
  invitationSkippedSchema,
  surveyDecisionLogSchema,
} from '../functions/surveys/contracts/case-responses.ts';
import { complaintSubmissionSchema } from '../functions/intake/contracts/complaint-submission.ts';
import { feedbackSubmissionSchema } from '../functions/intake/contracts/feedback-submission.ts';
import { DEFAULT_SURVEY_REASONS } from '../functions/surveys/contracts/survey-answer.ts';
import { surveyAnswerSchemaFor } from '../functions/surveys/contracts/survey-answer-message.ts';
import { surveyReceiptSchema, surveyStateViewSchema } from '../functions/surveys/contracts/survey-page-responses.ts';

import { supervisorApiPaths, supervisorSecurityScheme } from '../functions/escalation/contracts/supervisor-api-paths.ts';

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'A retry with the same key and body gets the same answer and stores one record.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

const surveyToken = { name: 'token', in: 'path', required: true, description: 'The signed token of an invitation email link', schema: { type: 'string' } };

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

// The support system's routes (/cases/*) take the integration key from Secrets Manager
// (`.data/local.json` `integrationKey` locally), checked by a Lambda authorizer.
const integrationKey = [{ integrationKey: [] as never[] }];
const integrationErrors = {
  '400': error('invalid_json, duplicate_key or validation_failed (the first 20 problems in details)'),
  '401': error('No Authorization header (answered by API Gateway: `{"message":"Unauthorized"}`)'),
  '403': error('A wrong integration key (answered by API Gateway: `{"message":"Forbidden"}`)'),
  '503': error('service_unavailable: retry the same request'),
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
      'Text is stored exactly as sent; control characters, broken Unicode, U+FFFE/U+FFFF, text with nothing visible and, in one-line fields, bidirectional controls (U+202A-U+202E, U+2066-U+2069) are refused. ' +
      'The public routes take no authentication (`security: []`): a status link carries its own signed token. ' +
      "The support system's routes (`/cases/*`) take `Authorization: Bearer <integration key>`. " +
      'The supervisor routes (`/escalations`) need a supervisor token.',
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
        description:
          'JSON by default; a browser (Accept listing text/html) gets the localized status page: reference, status, the steps so far, the response time that applies and the resolution text.',
        security: noAuthentication,
        parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: '`queued` until stored, then `received`, `under_review` while a supervisor works on it, `resolved`',
            content: { ...json(complaintStatusViewSchema), 'text/html': { schema: { type: 'string' } } },
          },
          '401': error('invalid_token: missing, malformed or tampered with'),
          '410': error('token_expired'),
          '503': error('service_unavailable'),
        },
      },
    },
    '/s/{token}': {
      get: {
        operationId: 'getSurvey',
        summary: 'The survey page (HTML), or with Accept: application/json where the survey stands',
        description:
          'Browsers get the page. `?score=N` (a rating link in the email) pre-selects the score and stores it as provisional until the customer confirms it from the page.',
        security: noAuthentication,
        parameters: [surveyToken, { name: 'score', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: 10 } }],
        responses: {
          '200': { description: 'The survey is open or answered', content: { ...json(surveyStateViewSchema), 'text/html': { schema: { type: 'string' } } } },
          '404': error('invalid_token: the link is tampered with, of another kind, or names no invitation'),
          '410': error('survey_closed: expired or cancelled; the body also carries `status: "expired"`'),
          '503': error('service_unavailable'),
        },
      },
      post: {
        operationId: 'answerSurvey',
        summary: 'Answer the survey: JSON from API clients (202), or the page form (the thank-you page)',
        description: `A post-resolution survey takes \`csat\`, a relationship survey \`nps\`. Answering again while the survey is open updates the one response. Reasons: ${DEFAULT_SURVEY_REASONS.join(', ')} unless the deployment configures others.`,
        security: noAuthentication,
        parameters: [surveyToken],
        requestBody: { required: true, content: json(surveyAnswerSchemaFor('post_resolution'), 'input') },
        responses: {
          '202': { description: 'Accepted and queued', content: json(surveyReceiptSchema) },
          '400': error('invalid_json, duplicate_key or validation_failed'),
          '404': error('invalid_token'),
          '410': error('survey_closed'),
          '413': error(`payload_too_large: the body is over ${MAX_BODY_BYTES} bytes`),
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
    '/cases/resolved': {
      post: {
        operationId: 'recordCaseResolution',
        summary: 'Report a resolved case: its survey is scheduled, or the answer says why not',
        security: integrationKey,
        requestBody: { required: true, content: json(caseResolvedSchema, 'input') },
        responses: {
          '202': { description: 'Survey scheduled (the same answer for a retry of the same resolution)', content: json(invitationScheduledSchema) },
          '200': { description: 'No survey for this case, and why (recorded in the decision log)', content: json(invitationSkippedSchema) },
          ...integrationErrors,
        },
      },
    },
    '/cases/reopened': {
      post: {
        operationId: 'reopenCase',
        summary: 'Report a reopened case: its survey is cancelled if not yet sent',
        security: integrationKey,
        requestBody: { required: true, content: json(caseReopenedSchema, 'input') },
        responses: {
          '200': {
            description: '`cancelled` (the next resolution schedules afresh), `kept` (already sent, answered or cancelled) or `none`',
            content: json(caseReopenedAnswerSchema),
          },
          ...integrationErrors,
        },
      },
    },
    '/cases/{caseId}/survey-decisions': {
      get: {
        operationId: 'listSurveyDecisions',
        summary: "A case's survey decision log, oldest first: why a customer got, or did not get, a survey",
        security: integrationKey,
        parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } }],
        responses: { '200': { description: 'The decision log', content: json(surveyDecisionLogSchema) }, ...integrationErrors },
      },
    },
    ...supervisorApiPaths,
  },
  components: {
    schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') },
    securitySchemes: {
      integrationKey: { type: 'http', scheme: 'bearer', description: 'The integration key shared with the support system' },
      ...supervisorSecurityScheme,
    },
  },
});
