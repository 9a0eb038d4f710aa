import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { verifiedTokenClaims } from '../../escalation/adapters/verified-token-claims.ts';
import { SupervisorAccessError } from '../../escalation/core/errors.ts';
import { scopeOf, supervisorIdentity } from '../../escalation/core/supervisor-identity.ts';
import { detailsOf } from '../../platform/http/read-json-body.ts';
import { jsonResponse } from '../../platform/http/json-response.ts';
import { RequestError, ValidationError } from '../../platform/http/request-errors.ts';
import { ownValue } from '../../platform/own-value.ts';
import { stringify } from 'csv-stringify/sync';
import type * as z from 'zod/mini';
import { reportExportQuerySchema, reportSummaryQuerySchema } from '../contracts/reports-api.ts';
import { type DynamoDbExportReader, InvalidExportCursorError } from '../adapters/dynamodb-export-reader.ts';
import { exportPartitionsOf } from '../core/export-partitions.ts';
import { EXPORT_COLUMNS, exportRowOf } from '../core/export-rows.ts';
import { type DaySpan, dayAfter, periodsOfSpan } from '../core/report-periods.ts';
import { ADMIN_ONLY_GROUPS, type CounterReader, MAX_TREND_BUCKETS, type ReportScope, summarizeReports } from '../core/summarize-reports.ts';

/** Rows a page of an export holds at most; the `Link` header names the next page. */
const EXPORT_PAGE_ROWS = 5_000;
/** Bytes of rows after which a page takes no further read. */
const EXPORT_PAGE_BYTES = 3 * 1024 * 1024;

const stripUndefined = (record: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));

/**
 * Whose figures the caller reads: an admin every team's (or the one named), a supervisor or lead
 * their own team's; naming another team is `forbidden`, as is a token without a role or team.
 */
const scopeFor = (event: APIGatewayProxyEventV2, team: string | undefined): ReportScope => {
  const scope = scopeOf(supervisorIdentity(verifiedTokenClaims(event)));
  if (scope.kind === 'all') return team === undefined ? scope : { kind: 'team', team };
  if (team !== undefined && team !== scope.team) throw new SupervisorAccessError('forbidden', 'A supervisor or lead reads their own team’s reports only.');
  return scope;
};

/**
 * The longest span either route reads: five years of days. Past it a summary would walk every day
 * before refusing for its buckets, and an export would list every month (ad-hoc questions over
 * years are the Athena path's, see docs/reports.md).
 *
 * @internal exported for its tests only
 */
export const MAX_SPAN_DAYS = 5 * 366;

/**
 * What both report routes open with: the query parsed by its schema, whose figures the caller
 * reads, and the span as whole UTC days (`to` exclusive), refused when it ends before it starts or
 * runs longer than MAX_SPAN_DAYS.
 */
const reportRequestOf = <Query extends { readonly from: string; readonly to: string; readonly team?: string | undefined }>(
  event: APIGatewayProxyEventV2,
  schema: z.ZodMiniType<Query>,
): { readonly query: Query; readonly scope: ReportScope; readonly span: DaySpan } => {
  const parsed = schema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new ValidationError(detailsOf(parsed.error.issues));
  const query = parsed.data;
  const scope = scopeFor(event, query.team);
  if (query.to < query.from) throw new ValidationError([{ path: 'to', code: 'before_from', message: 'to is before from.' }]);
  // Counted in days, not compared as text: the day after 9999-12-31 is no `yyyy-mm-dd`.
  if (Date.parse(query.to) - Date.parse(query.from) >= MAX_SPAN_DAYS * 86_400_000)
    throw new ValidationError([
      { path: 'to', code: 'span_too_long', message: `A report covers at most ${MAX_SPAN_DAYS} days: choose a later from or an earlier to.` },
    ]);
  return { query, scope, span: { from: query.from, to: dayAfter(query.to) } };
};

/**
 * The reports API's routes by `routeKey`, behind the supervisors' JWT authorizer.
 *
 * @example
 * ```ts
 * const handle = reportsRoutes({ counters: new DynamoDbCounterStore(dynamodb, tableName) });
 * ```
 */
export const reportsRoutes = (deps: {
  readonly counters: CounterReader;
  /** Reads the items an export lists. @default - the export route answers 404 */
  readonly exports?: Pick<DynamoDbExportReader, 'readPage'>;
  /** Every team an admin's export of escalations covers (the rules' teams). */
  readonly teams?: readonly string[];
  /** Rows a page of an export holds at most. @default EXPORT_PAGE_ROWS (5,000) */
  readonly exportPageRows?: number;
}) => {
  const pageRows = deps.exportPageRows ?? EXPORT_PAGE_ROWS;
  const routes: Record<string, (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>> = {
    'GET /reports/summary': async (event) => {
      const { query, scope, span } = reportRequestOf(event, reportSummaryQuerySchema);
      if (scope.kind === 'team' && query.groupBy !== undefined && ADMIN_ONLY_GROUPS.has(query.groupBy))
        throw new SupervisorAccessError(
          'forbidden',
          `Grouping by ${query.groupBy} is an admin's: complaints before their escalation and help-site feedback belong to no team.`,
        );
      if (periodsOfSpan(span, query.interval).length > MAX_TREND_BUCKETS)
        throw new ValidationError([
          { path: 'interval', code: 'too_many_buckets', message: `At most ${MAX_TREND_BUCKETS} trend buckets: choose a longer interval or a shorter span.` },
        ]);
      const summary = await summarizeReports({ span, interval: query.interval, groupBy: query.groupBy, scope }, deps.counters);
      return jsonResponse(200, {
        from: query.from,
        to: query.to,
        interval: query.interval,
        ...(query.groupBy === undefined ? {} : { groupBy: query.groupBy }),
        ...(scope.kind === 'team' ? { team: scope.team } : {}),
        ...summary,
      });
    },
  };
  routes['GET /reports/export.csv'] = async (event) => {
    if (deps.exports === undefined) throw new RequestError(404, 'route_not_found', 'This API serves no exports.');
    const { query, scope } = reportRequestOf(event, reportExportQuerySchema);
    if (scope.kind === 'team' && (query.kind === 'complaints' || query.kind === 'feedback'))
      throw new SupervisorAccessError('forbidden', `Exporting ${query.kind} is an admin's: they belong to no team.`);
    const partitions = exportPartitionsOf(query.kind, query.from, query.to, scope, deps.teams ?? []);
    // A page stays well under Lambda's 6 MB answer: at most EXPORT_PAGE_ROWS rows, and no further
    // read once EXPORT_PAGE_BYTES are written (one read adds at most DynamoDB's 1 MB page).
    const chunks: string[] = [];
    let rows = 0;
    let bytes = 0;
    let cursor = query.cursor;
    try {
      do {
        const page = await deps.exports.readPage(partitions, { cursor, maxItems: Math.min(1000, pageRows - rows) });
        const lines = page.items.map((item) => exportRowOf(query.kind, item)).filter((row) => row !== undefined);
        const text = stringify(
          lines.map((row) => [...row]),
          { escape_formulas: true, cast: { boolean: (value) => String(value) } },
        );
        chunks.push(text);
        rows += lines.length;
        bytes += Buffer.byteLength(text);
        cursor = page.cursor;
      } while (cursor !== undefined && rows < pageRows && bytes < EXPORT_PAGE_BYTES);
    } catch (error) {
      if (error instanceof InvalidExportCursorError) throw new RequestError(400, 'invalid_cursor', error.message, [], { cause: error });
      throw error;
    }
    // The first page opens with the BOM (spreadsheet programs then read UTF-8, Japanese included) and the header.
    const head = query.cursor === undefined ? stringify([EXPORT_COLUMNS[query.kind] as string[]], { bom: true }) : '';
    const next =
      cursor === undefined
        ? undefined
        : `/reports/export.csv?${new URLSearchParams({ ...stripUndefined({ from: query.from, to: query.to, kind: query.kind, team: query.team }), cursor }).toString()}`;
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${query.kind}-${query.from}-${query.to}.csv"`,
        'cache-control': 'no-store',
        ...(next === undefined ? {} : { link: `<${next}>; rel="next"` }),
      },
      body: head + chunks.join(''),
    };
  };

  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const route = ownValue(routes, event.routeKey);
    if (route === undefined) throw new RequestError(404, 'route_not_found', `No reports route ${event.routeKey}.`);
    return route(event);
  };
};
