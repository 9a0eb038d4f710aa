import { Duration, Token } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import type { FeedbackTable } from './feedback-table.ts';
import { assertComplaintCategories } from '../../functions/intake/contracts/complaint-submission.ts';
import { parsePublicBaseUrl } from '../../functions/links/core/public-base-url.ts';
import { IntakeQueue } from './intake-queue.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';

export interface ComplaintIntakeProps {
  readonly api: PublicHttpApi;
  readonly table: FeedbackTable;
  readonly signingKey: LinkSigningKey;
  /** Categories a complaint may name; passed to the intake as `COMPLAINT_CATEGORIES`. */
  readonly categories: readonly string[];
  /**
   * The base every customer-facing link is built from (`PUBLIC_BASE_URL`): the API's own
   * endpoint, or a custom domain, possibly with a base path.
   */
  readonly publicBaseUrl: string;
  /** How long a status link stays valid. @default 180 */
  readonly statusTokenTtlDays?: number;
  /**
   * Days a complaint is kept after it is settled: resolved, or, when no escalation takes it up,
   * accepted. The consumer sets the TTL of the latter; the resolve sets the former's. @default 1095
   */
  readonly retentionDaysAfterResolution?: number;
}

/**
 * Complaints: `POST /complaints` accepts and enqueues, `store-complaint` stores each one once,
 * `GET /complaints/status` answers with a signed status token.
 */
export class ComplaintIntake extends Construct {
  public readonly submit: PipelineFunction;
  public readonly status: PipelineFunction;
  public readonly store: PipelineFunction;
  public readonly queue: IntakeQueue;

  constructor(scope: Construct, id: string, props: ComplaintIntakeProps) {
    super(scope, id);
    assertComplaintCategories(props.categories);
    // A literal URL is checked now, so a typo fails `cdk synth` rather than the first cold start.
    if (!Token.isUnresolved(props.publicBaseUrl)) parsePublicBaseUrl(props.publicBaseUrl);
    this.submit = new PipelineFunction(this, 'SubmitComplaint', {
      name: 'submit-complaint',
      timeout: Duration.seconds(10),
      environment: {
        COMPLAINT_CATEGORIES: props.categories.join(','),
        STATUS_TOKEN_TTL_DAYS: String(props.statusTokenTtlDays ?? 180),
        PUBLIC_BASE_URL: props.publicBaseUrl,
      },
    });
    this.status = new PipelineFunction(this, 'ComplaintStatus', {
      name: 'complaint-status',
      timeout: Duration.seconds(10),
    });
    this.store = new PipelineFunction(this, 'StoreComplaint', {
      name: 'store-complaint',
      timeout: Duration.seconds(30),
      environment: { COMPLAINT_RETENTION_DAYS: String(props.retentionDaysAfterResolution ?? 1095) },
    });
    this.queue = new IntakeQueue(this, 'ComplaintQueue', { consumer: this.store.fn });

    this.queue.grantSendTo(this.submit.fn, 'COMPLAINT_QUEUE_URL');
    props.signingKey.grantReadTo(this.submit.fn);
    props.signingKey.grantReadTo(this.status.fn);
    props.table.grantReadTo(this.status.fn);
    props.table.grantWriteTo(this.store.fn);

    props.api.addRoute(HttpMethod.POST, '/complaints', this.submit.fn);
    props.api.addRoute(HttpMethod.GET, '/complaints/status', this.status.fn);
  }
}
