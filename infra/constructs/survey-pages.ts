import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import type { SurveyPolicySettings } from '../../functions/surveys/contracts/survey-policy-settings.ts';
import { surveyPolicyEnvironment } from '../survey-settings.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { IntakeQueue } from './intake-queue.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';

export interface SurveyPagesProps {
  readonly api: PublicHttpApi;
  readonly table: FeedbackTable;
  readonly signingKey: LinkSigningKey;
  /** The validated survey policy (reason codes, escalation threshold), passed as `SURVEY_POLICY`. */
  readonly policy: SurveyPolicySettings;
}

/**
 * What a customer reaches from an invitation email: `GET|POST /s/{token}` (the survey page, its
 * one-click scores and the JSON API) queue answers for `store-survey-answer`, which stores the
 * one response per invitation; `GET|POST /u/{token}` unsubscribes.
 */
export class SurveyPages extends Construct {
  public readonly page: PipelineFunction;
  public readonly store: PipelineFunction;
  public readonly unsubscribe: PipelineFunction;
  public readonly queue: IntakeQueue;

  constructor(scope: Construct, id: string, props: SurveyPagesProps) {
    super(scope, id);
    const policy = surveyPolicyEnvironment(props.policy);
    this.page = new PipelineFunction(this, 'SurveyPage', { name: 'survey-page', timeout: Duration.seconds(10), environment: policy });
    this.store = new PipelineFunction(this, 'StoreSurveyAnswer', {
      name: 'store-survey-answer',
      timeout: Duration.seconds(30),
      environment: policy,
    });
    this.unsubscribe = new PipelineFunction(this, 'Unsubscribe', { name: 'unsubscribe', timeout: Duration.seconds(10) });
    // Answers trickle in (a million a month is 0.4/s): waiting up to 5 s lets one consumer
    // invocation, its log lines and one DeleteMessageBatch serve several. The customer has their
    // thank-you page already; only the stored answer, and a low score's escalation, wait.
    this.queue = new IntakeQueue(this, 'AnswerQueue', { consumer: this.store.fn, maxBatchingWindow: Duration.seconds(5) });

    this.queue.grantSendTo(this.page.fn, 'SURVEY_ANSWER_QUEUE_URL');
    props.signingKey.grantReadTo(this.page.fn);
    props.signingKey.grantReadTo(this.unsubscribe.fn);
    props.table.grantReadTo(this.page.fn);
    props.table.grantReadTo(this.store.fn);
    props.table.grantUpdatesTo(this.store.fn);
    props.table.grantReadTo(this.unsubscribe.fn);
    props.table.grantUpdatesTo(this.unsubscribe.fn);

    for (const method of [HttpMethod.GET, HttpMethod.POST]) {
      props.api.addRoute(method, '/s/{token}', this.page.fn);
      props.api.addRoute(method, '/u/{token}', this.unsubscribe.fn);
    }
  }
}
