import * as z from 'zod/mini';
import { error, json } from '../../platform/http/openapi-parts.ts';
import { reportExportQuerySchema, reportSummaryQuerySchema, reportSummarySchema } from './reports-api.ts';

const queryParameters = (schema: z.ZodMiniType, required: readonly string[]) =>
  Object.entries((z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, unknown> }).properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));

/**
 * The reports API's part of the OpenAPI document, from the schemas its handler validates with.
 *
 * @example
 * ```ts
 * const paths = { ...supervisorApiPaths, ...reportsApiPaths };
 * ```
 */
export const reportsApiPaths = {
  '/reports/summary': {
    get: {
      operationId: 'getReportSummary',
      summary:
        'CSAT, NPS, response rate, escalations (and, for an admin, complaints and help-site feedback) over whole UTC days, each share with its sample and 95% interval: the trend by interval and, with groupBy, one line per value. A supervisor’s or lead’s figures are their team’s; an admin’s every team’s, or one team’s with team',
      security: [{ supervisorToken: [] as string[] }],
      parameters: queryParameters(reportSummaryQuerySchema, ['from', 'to']),
      responses: {
        '200': { description: 'The figures', content: json(reportSummarySchema) },
        '400': error('validation_failed (to before from, or more trend buckets than allowed: 120)'),
        '401': { description: 'No valid token: `{"message":"Unauthorized"}` from API Gateway' },
        '403': error('forbidden: no role, another team named, or (not an admin) grouped by category, feedbackKind, article or page'),
      },
    },
  },
  '/reports/export.csv': {
    get: {
      operationId: 'exportReportCsv',
      summary:
        'The items of one kind over whole UTC days as CSV: UTF-8 with a BOM on the first page, a header row, cells starting with =, +, -, @, tab or carriage return prefixed with an apostrophe; no email address or name. At most 5,000 rows or about 3 MB a page, the next page named by the Link header (rel="next"). Responses and escalations are a team’s (an admin’s: every team’s, or one team’s with team); complaints and feedback an admin’s',
      security: [{ supervisorToken: [] as string[] }],
      parameters: queryParameters(reportExportQuerySchema, ['from', 'to', 'kind']),
      responses: {
        '200': {
          description: 'A page of rows; `Link: </reports/export.csv?…&cursor=…>; rel="next"` while more remain',
          headers: { Link: { schema: { type: 'string' }, description: 'The next page, while more remain' } },
          content: { 'text/csv': { schema: { type: 'string' } } },
        },
        '400': error('validation_failed (to before from) or invalid_cursor'),
        '401': { description: 'No valid token: `{"message":"Unauthorized"}` from API Gateway' },
        '403': error('forbidden: no role, another team named, or (not an admin) complaints or feedback'),
      },
    },
  },
};

/** The route keys the reports API serves; the construct adds one HTTP API route per key. */
export const reportRouteKeys = ['GET /reports/summary', 'GET /reports/export.csv'] as const;
