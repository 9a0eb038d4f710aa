import { Duration } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import type { FeedbackTable } from './feedback-table.ts';
import { IntakeQueue } from './intake-queue.ts';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';

export interface FeedbackIntakeProps {
  readonly api: PublicHttpApi;
  readonly table: FeedbackTable;
  /** How long stored feedback is kept before TTL deletes it. @default 365 */
  readonly retentionDays?: number;
}

/** Feedback: `POST /feedback` accepts and enqueues, `store-feedback` stores each item once. */
export class FeedbackIntake extends Construct {
  public readonly submit: PipelineFunction;
  public readonly store: PipelineFunction;
  public readonly queue: IntakeQueue;

  constructor(scope: Construct, id: string, props: FeedbackIntakeProps) {
    super(scope, id);
    this.submit = new PipelineFunction(this, 'SubmitFeedback', {
      name: 'submit-feedback',
      timeout: Duration.seconds(10),
    });
    this.store = new PipelineFunction(this, 'StoreFeedback', {
      name: 'store-feedback',
      timeout: Duration.seconds(30),
      environment: { FEEDBACK_RETENTION_DAYS: String(props.retentionDays ?? 365) },
    });
    this.queue = new IntakeQueue(this, 'FeedbackQueue', { consumer: this.store.fn });

    this.queue.grantSendTo(this.submit.fn, 'FEEDBACK_QUEUE_URL');
    props.table.grantWriteTo(this.store.fn);

    props.api.addRoute(HttpMethod.POST, '/feedback', this.submit.fn);
  }
}
