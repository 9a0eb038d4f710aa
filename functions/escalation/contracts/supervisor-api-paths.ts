import * as z from 'zod/mini';
import { error, json } from '../../platform/http/openapi-parts.ts';
import {
  awayPeriodsBodySchema,
  calendarAnswerSchema,
  calendarListSchema,
  holidayChangesBodySchema,
  workingHoursBodySchema,
  escalationActionResultSchema,
  escalationDetailSchema,
  escalationListQuerySchema,
  escalationListSchema,
  escalationNoteSchema,
  escalationReassignSchema,
  escalationResolveSchema,
  peopleListSchema,
  personAnswerSchema,
  responseMarkAnswerSchema,
  responseMarkBodySchema,
} from './supervisor-api.ts';

/** Every supervisor route: a Cognito ID token (locally, one of the local issuer's). */
const supervisorSecurity = [{ supervisorToken: [] as string[] }];

/** The security scheme the supervisor routes name. */
export const supervisorSecurityScheme = {
  supervisorToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'A Cognito ID token of the supervisors\' user pool (`cognito:groups` supervisor, lead or admin; `custom:team`). Checked by the API Gateway JWT authorizer: a missing, forged or expired token is answered `401 {"message":"Unauthorized"}` before the function runs.',
  },
};

const refusals = {
  '401': { description: 'No valid token: `{"message":"Unauthorized"}` from API Gateway' },
  '403': error('forbidden: no role, or another team (or, for a person, out of reach)'),
};
const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const action = (
  operationId: string,
  summary: string,
  body: z.ZodMiniType | undefined,
  conflicts: string,
  badRequests = 'invalid_json, validation_failed or invalid_action',
) => ({
  post: {
    operationId,
    summary,
    security: supervisorSecurity,
    parameters: [idParameter],
    ...(body === undefined ? {} : { requestBody: { required: true, content: json(body, 'input') } }),
    responses: {
      '200': { description: 'Done; the audit entry appended', content: json(escalationActionResultSchema) },
      '400': error(badRequests),
      ...refusals,
      '404': error('escalation_not_found'),
      '409': error(conflicts),
    },
  },
});

const listParameters = Object.entries((z.toJSONSchema(escalationListQuerySchema, { io: 'input' }) as { properties: Record<string, unknown> }).properties).map(
  ([name, schema]) => ({ name, in: 'query', required: false, schema }),
);

/**
 * The supervisor API's part of the OpenAPI document, from the schemas its handler validates with.
 *
 * @example
 * ```ts
 * const paths = { ...publicPaths, ...supervisorApiPaths };
 * ```
 */
export const supervisorApiPaths = {
  '/escalations': {
    get: {
      operationId: 'listEscalations',
      summary: 'Escalations in scope (own team; all for an admin), newest or most overdue first, a page at a time',
      security: supervisorSecurity,
      parameters: listParameters,
      responses: { '200': { description: 'A page', content: json(escalationListSchema) }, '400': error('validation_failed or invalid_cursor'), ...refusals },
    },
  },
  '/escalations/{id}': {
    get: {
      operationId: 'getEscalation',
      summary: 'One escalation with its history',
      security: supervisorSecurity,
      parameters: [idParameter],
      responses: { '200': { description: 'The escalation', content: json(escalationDetailSchema) }, ...refusals, '404': error('escalation_not_found') },
    },
  },
  '/escalations/{id}/claim': action('claimEscalation', 'Take the escalation', undefined, 'already_claimed, naming the `holder`; invalid_transition'),
  '/escalations/{id}/ack': action(
    'acknowledgeEscalation',
    'Acknowledge it (stops the acknowledgement clock)',
    undefined,
    'already_claimed, naming the `holder`; invalid_transition',
  ),
  '/escalations/{id}/notes': action('addEscalationNote', 'Add a note to its history', escalationNoteSchema, 'never'),
  '/escalations/{id}/reassign': action(
    'reassignEscalation',
    "Hand it to a supervisor or the lead of its team, or (with `team`) move it to another team and one of that team's members (leads and admins)",
    escalationReassignSchema,
    'invalid_transition',
    'invalid_json, validation_failed, unknown_assignee (in no team of the directory), not_a_team_member (not in the team) or unknown_team',
  ),
  '/escalations/{id}/resolve': action(
    'resolveEscalation',
    'Resolve it with the text the complainant is sent (its holder; a lead of its team or an admin also over the holder)',
    escalationResolveSchema,
    'not_holder (a supervisor resolving what they do not hold), naming the `holder` when someone holds it; invalid_transition',
  ),
  '/people': {
    get: {
      operationId: 'listPeople',
      summary: 'The people whose away dates the caller sees and sets: everyone for an admin, their team for a lead, themselves for a supervisor',
      security: supervisorSecurity,
      responses: { '200': { description: 'The people in reach', content: json(peopleListSchema) }, ...refusals },
    },
  },
  '/people/{id}/away': {
    put: {
      operationId: 'setAwayPeriods',
      summary:
        "Set a person's away periods (the whole list; ended ones are dropped) and, with `away`, set or clear their open-ended away mark: a supervisor their own, a lead their team's, an admin anyone's. Escalations skip them while a period runs or the mark is set; the change is in the directory's audit trail",
      security: supervisorSecurity,
      parameters: [{ ...idParameter, description: "The person's user name" }],
      requestBody: { required: true, content: json(awayPeriodsBodySchema, 'input') },
      responses: {
        '200': { description: 'The person as stored now', content: json(personAnswerSchema) },
        '400': error('invalid_json or validation_failed'),
        ...refusals,
        '404': error('person_not_found (an admin naming nobody)'),
      },
    },
  },
  '/responses/{invitationId}/about-product': {
    put: {
      operationId: 'markResponseAboutProduct',
      summary:
        "Mark a survey answer about the product, not the agent, or clear the mark: a supervisor or lead of the answer's team, an admin any. Marked, the answer stays in the overall and team figures and leaves the agent's; the mark survives the customer changing the answer",
      security: supervisorSecurity,
      parameters: [
        {
          name: 'invitationId',
          in: 'path',
          required: true,
          schema: { type: 'string' },
          description: "The answer's invitation (`invitation_id` of the export)",
        },
      ],
      requestBody: { required: true, content: json(responseMarkBodySchema, 'input') },
      responses: {
        '200': { description: 'The mark as stored now', content: json(responseMarkAnswerSchema) },
        '400': error('invalid_json or validation_failed'),
        ...refusals,
        '404': error('response_not_found'),
      },
    },
  },
  '/calendars': {
    get: {
      operationId: 'listCalendars',
      summary: "Each region's holiday calendar as the SLA clocks count it (admins): its holidays from today on, the admins' changes, and how long it covers",
      security: supervisorSecurity,
      responses: { '200': { description: 'The regions', content: json(calendarListSchema) }, ...refusals },
    },
  },
  '/calendars/{region}/holidays': {
    put: {
      operationId: 'setHolidayChanges',
      summary:
        "Set a region's holiday changes (admins; the whole change): days added, days removed, and a later last covered day. SLA clocks count them within a minute; the change is in the directory's audit trail",
      security: supervisorSecurity,
      parameters: [{ name: 'region', in: 'path', required: true, schema: { type: 'string' }, description: 'A region of the escalation rules' }],
      requestBody: { required: true, content: json(holidayChangesBodySchema, 'input') },
      responses: {
        '200': { description: 'The region as it counts now', content: json(calendarAnswerSchema) },
        '400': error('invalid_json, validation_failed or added_and_removed'),
        ...refusals,
        '404': error('region_not_found'),
      },
    },
  },
  '/calendars/{region}/hours': {
    put: {
      operationId: 'setWorkingHours',
      summary:
        "Set a region's working week (admins): its working days and the day's windows in the region's zone, in place of the deployed rules'. SLA clocks count by it within a minute; the change is in the directory's audit trail",
      security: supervisorSecurity,
      parameters: [{ name: 'region', in: 'path', required: true, schema: { type: 'string' }, description: 'A region of the escalation rules' }],
      requestBody: { required: true, content: json(workingHoursBodySchema, 'input') },
      responses: {
        '200': { description: 'The region as it counts now', content: json(calendarAnswerSchema) },
        '400': error('invalid_json or validation_failed'),
        ...refusals,
        '404': error('region_not_found'),
      },
    },
  },
};

/** The route keys the supervisor API serves; the construct adds one HTTP API route per key. */
export const supervisorRouteKeys = [
  'GET /escalations',
  'GET /escalations/{id}',
  'POST /escalations/{id}/claim',
  'POST /escalations/{id}/ack',
  'POST /escalations/{id}/notes',
  'POST /escalations/{id}/reassign',
  'POST /escalations/{id}/resolve',
  'GET /people',
  'PUT /people/{id}/away',
  'PUT /responses/{invitationId}/about-product',
  'GET /calendars',
  'PUT /calendars/{region}/holidays',
  'PUT /calendars/{region}/hours',
] as const;
