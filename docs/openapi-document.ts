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

import { accountsApiPaths } from '../functions/escalation/contracts/accounts-api-paths.ts';
import { reportsApiPaths } from '../functions/reports/contracts/reports-api-paths.ts';
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

// What holds for every route, written once here so docs/api.md (generated from this document)
// carries it; each operation lists its own answers.
const apiRules = [
  'JSON in and out. Every refusal *from the functions* is a 4xx with one body shape (the `Error` schema below), and nothing is queued or stored:',
  '',
  '```json',
  '{ "error": { "code": "validation_failed", "message": "…", "details": [{ "path": "category", "code": "invalid_value", "message": "…" }] } }',
  '```',
  '',
  '- The zod schemas in the contracts (`functions/<feature>/contracts/`) are the source of truth for every field and limit; this document is generated from them.',
  "- `category`: one of the deployment's list, set with the stack prop `complaintCategories` (default `slow-response`, `unresolved`, `attitude`, `wrong-advice`, `billing`, `other`).",
  '- Feedback must say something (`helpful`, `rating` or `comment`); `article` feedback needs `articleId`. Feedback is anonymous. `description` and `comment` allow line breaks and tabs; the other text fields are one line.',
  '- Text is stored exactly as sent: any language, no trimming, HTML kept as text (and never rendered as markup). Refused: unknown fields, blank text, control characters other than tab and line breaks, broken Unicode (lone surrogates) and the noncharacters U+FFFE/U+FFFF.',
  '- Text with nothing visible (only white space, default-ignorable characters such as U+200B, U+2060, U+3164, or format characters such as U+FEFF) counts as blank. Visibility is decided by Unicode properties (`White_Space`, `Default_Ignorable_Code_Point`, `Cf`, `Cc`), and a test walks every code point.',
  '- Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are refused in one-line fields (`name`, `product`, `caseId`, `articleId`, `pageUrl`) and kept as data in `description` and `comment`, where right-to-left writers may need them. Anything that shows stored text to a person (pages, console, CSV) replaces each control with a visible `<U+202E>` marker.',
  `- Bodies above ${MAX_BODY_BYTES / 1024} KiB: \`413 payload_too_large\`. Not \`application/json\`: \`415 unsupported_media_type\`. Not JSON or not UTF-8: \`400 invalid_json\`. Fields wrong: \`400 validation_failed\` with \`details\`.`,
  '- A member named twice in one object (`{"email":"a@x","email":"b@x"}`): `400 duplicate_key`. Parsers disagree on which one wins, so such a body is refused rather than read one way here and another way elsewhere. Form posts (the survey and unsubscribe pages) are held to the same rule: a field sent twice (`score=3&score=1`) is `400 duplicate_field`, shown on the error page in a browser; only the survey\'s `reasons` checkboxes may repeat.',
  '- `details` lists at most the first 20 problems, and the message says how many there were. A field name, content type or path repeated in an error is cut to 64 characters.',
  "- Every link the API returns (and every link in an email) starts with the deployment's public base URL (stack prop `publicBaseUrl`, default the API's own endpoint; a custom domain may carry a base path such as `https://support.example.com/feedback`). Request headers (`Host`, `X-Forwarded-Proto`, `X-Forwarded-Host`) never shape a link.",
  "- **`Idempotency-Key`** (optional, 1 to 255 visible ASCII characters) on `POST /complaints` and `POST /feedback`: a retry with the same key and body gets the same answer and stores one record. The id is derived from route, key and body, so no extra write is needed; a key reused with a *different* body makes a new record rather than dropping that body. The status link's expiry is rounded to the day, so a retry on the same UTC day is answered byte for byte.",
  '- `503 service_unavailable` (with `Retry-After`) only when the queue refuses; retry with the same `Idempotency-Key`.',
  '- Browsers may call the API from any origin (CORS, no credentials); narrow it with the stack prop `allowedOrigins`.',
  '- API Gateway\'s own refusals keep API Gateway\'s shape, locally as deployed: `429 {"message":"Too Many Requests"}` over the stage throttle (50 requests/s with a burst of 100, per route), `413 {"message":"Request Entity Too Large"}` above 10 MB, `404 {"message":"Not Found"}` for a path with an empty segment (`//feedback`, `/feedback/`) or a percent escape that does not decode; and, only if a function crashes or times out, `500 {"message":"Internal Server Error"}`. Any other route is `404 route_not_found` from our functions. A client can tell the two apart by the `error` object, and should retry a 429 or a 5xx with the same `Idempotency-Key`.',
  "- The public routes take no authentication (`security: []`): a status or survey link carries its own signed token. The support system's routes (`/cases/*`) take `Authorization: Bearer <integration key>`; the supervisor routes (`/escalations`) need a supervisor token (see docs/escalation.md for roles and scopes).",
].join('\n');

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
    description: apiRules,
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
            description:
              '`queued` until stored, then `received`, `under_review` once an escalation is open (every complaint opens one as it is stored), `resolved` (with the resolution text) when a supervisor resolved it',
            content: { ...json(complaintStatusViewSchema), 'text/html': { schema: { type: 'string' } } },
          },
          '401': error('invalid_token: missing, malformed or tampered with'),
          '410': error(
            'token_expired: the link is older than its lifetime (180 days: stack prop `statusTokenTtlDays`, `STATUS_TOKEN_TTL_DAYS` in the function)',
          ),
          '503': error('service_unavailable'),
        },
      },
    },
    '/s/{token}': {
      get: {
        operationId: 'getSurvey',
        summary: 'The survey page (HTML), or with Accept: application/json where the survey stands',
        description:
          'Browsers get the page (server-rendered HTML, no JavaScript) in the customer\'s language: their `locale` from the case, then Accept-Language; English and Japanese. `?score=N` (a rating link in the email) pre-selects the score and stores it as provisional: mail security scanners open every link, so only the customer\'s confirm button makes it count. A tampered, unknown or wrong-kind link gets the localized "this link does not work" page, an expired or cancelled survey the "closed" page.',
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
        description: `A post-resolution survey takes \`csat\` (1-5), a relationship survey \`nps\` (0-10); \`ces\` (customer effort) 1-7. The page posts the same fields form-encoded and is answered with the thank-you page. Answering again while the survey is open updates the one response. Reasons: ${DEFAULT_SURVEY_REASONS.join(', ')} unless the deployment configures others.`,
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
        description:
          "A retry gets the same answer. A resolution also refreshes the customer's contact (address, name, language, tier, region) and records the case's context (customer, tier, product, region, team, agent), which a complaint naming the case inherits (its escalation is routed and timed by them). An older resolution arriving late never overwrites a newer contact.",
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
        description:
          'Every decision for the case (scheduled, skipped and why, cancelled, sent, bounced, reminded, answered), each logged once however often its input arrives: a skip is dated by its resolution, so a resolution sent again does not log it twice.',
        security: integrationKey,
        parameters: [{ name: 'caseId', in: 'path', required: true, schema: { type: 'string', maxLength: 64 } }],
        responses: { '200': { description: 'The decision log', content: json(surveyDecisionLogSchema) }, ...integrationErrors },
      },
    },
    ...supervisorApiPaths,
    ...accountsApiPaths,
    ...reportsApiPaths,
  },
  components: {
    schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') },
    securitySchemes: {
      integrationKey: {
        type: 'http',
        scheme: 'bearer',
        description:
          'The integration key shared with the support system: on AWS the value of the `Integration` secret in Secrets Manager; locally `integrationKey` in `.data/local.json`. Checked by the `IntegrationAuthorizer`, a REQUEST Lambda authorizer whose answers are cached 5 minutes: without the header API Gateway answers `401 {"message":"Unauthorized"}`, with a wrong key `403 {"message":"Forbidden"}`.',
      },
      ...supervisorSecurityScheme,
    },
  },
});
