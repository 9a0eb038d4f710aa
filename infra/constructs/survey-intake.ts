import { Duration } from 'aws-cdk-lib';
import { HttpMethod, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { SurveyPolicySettings } from '../../functions/surveys/contracts/survey-policy-settings.ts';
import { surveyPolicyEnvironment } from '../survey-settings.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';

export interface SurveyIntakeProps {
  readonly api: PublicHttpApi;
  readonly table: FeedbackTable;
  /** The support system's key check (IntegrationAuthorizer's `authorizer`): every route here needs it. */
  readonly authorizer: IHttpRouteAuthorizer;
  /** The validated survey policy, passed as `SURVEY_POLICY`. */
  readonly policy: SurveyPolicySettings;
}

/**
 * The support system's side of surveys, behind the integration key: `POST /cases/resolved`
 * schedules a case's survey (or records why not), `POST /cases/reopened` cancels one not yet
 * sent, and `GET /cases/{caseId}/survey-decisions` lists the case's decision log for operators.
 */
export class SurveyIntake extends Construct {
  public readonly resolved: PipelineFunction;
  public readonly reopened: PipelineFunction;
  public readonly decisions: PipelineFunction;

  constructor(scope: Construct, id: string, props: SurveyIntakeProps) {
    super(scope, id);
    this.resolved = new PipelineFunction(this, 'RecordCaseResolution', {
      name: 'record-case-resolution',
      timeout: Duration.seconds(10),
      environment: surveyPolicyEnvironment(props.policy),
    });
    this.reopened = new PipelineFunction(this, 'ReopenCase', { name: 'reopen-case', timeout: Duration.seconds(10) });
    this.decisions = new PipelineFunction(this, 'ListSurveyDecisions', { name: 'list-survey-decisions', timeout: Duration.seconds(10) });
    for (const fn of [this.resolved, this.reopened, this.decisions]) props.table.grantSurveyStoreTo(fn.fn);

    const route = (method: HttpMethod, path: string, fn: LambdaFunction) =>
      props.api.api.addRoutes({
        path,
        methods: [method],
        integration: new HttpLambdaIntegration(`${method}${path.replace(/[^A-Za-z0-9]/g, '-')}`, fn),
        authorizer: props.authorizer,
      });
    route(HttpMethod.POST, '/cases/resolved', this.resolved.fn);
    route(HttpMethod.POST, '/cases/reopened', this.reopened.fn);
    route(HttpMethod.GET, '/cases/{caseId}/survey-decisions', this.decisions.fn);
  }
}
