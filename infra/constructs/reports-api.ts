import type { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { reportRouteKeys } from '../../functions/reports/contracts/reports-api-paths.ts';
import { Duration } from 'aws-cdk-lib';
import type { FeedbackReports } from './feedback-reports.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';

export interface ReportsApiProps {
  readonly api: PublicHttpApi;
  readonly reports: FeedbackReports;
  /** The exports read its gsi1 (Query only). */
  readonly table: FeedbackTable;
  /** The teams an admin's export of escalations covers: the escalation rules' teams. */
  readonly teams: readonly string[];
  /** The supervisors' JWT authorizer: the same tokens as the supervisor API; the function scopes by team. */
  readonly authorizer: HttpUserPoolAuthorizer;
}

/**
 * The reports API: one function (`reports-api`) behind the `/reports` routes, with Query on the
 * counters table (summaries) and on the feedback table's gsi1 (exports) and nothing else: it can
 * change nothing, and reads no item by key.
 */
export class ReportsApi extends Construct {
  public readonly function: PipelineFunction;

  constructor(scope: Construct, id: string, props: ReportsApiProps) {
    super(scope, id);
    // An export page reads up to 5,000 items (a few Query pages) and writes their CSV: up to API Gateway's 30 s.
    this.function = new PipelineFunction(this, 'Function', {
      name: 'reports-api',
      timeout: Duration.seconds(29),
      environment: { ESCALATION_TEAMS: props.teams.join(',') },
    });
    props.reports.grantReadTo(this.function.fn);
    props.table.grantExportQueryTo(this.function.fn);
    const integration = new HttpLambdaIntegration('ReportsApiIntegration', this.function.fn);
    for (const routeKey of reportRouteKeys) {
      const [method, path] = routeKey.split(' ') as [HttpMethod, string];
      props.api.api.addRoutes({ path, methods: [method], integration, authorizer: props.authorizer });
    }
  }
}
