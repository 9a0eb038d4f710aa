import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DEFAULT_COMPLAINT_CATEGORIES } from '../functions/shared/contracts/complaint-submission.ts';
import { ComplaintIntake } from './constructs/complaint-intake.ts';
import { FeedbackIntake } from './constructs/feedback-intake.ts';
import { FeedbackTable } from './constructs/feedback-table.ts';
import { IntegrationAuthorizer } from './constructs/integration-authorizer.ts';
import { LinkSigningKey } from './constructs/link-signing-key.ts';
import { PipelineFunction } from './constructs/pipeline-function.ts';
import { PublicHttpApi } from './constructs/public-http-api.ts';
import { SupervisorApi } from './constructs/supervisor-api.ts';
import { SupervisorSignIn } from './constructs/supervisor-sign-in.ts';
import { defaultEscalationRules } from '../functions/shared/core/escalation/default-escalation-rules.ts';

export interface FeedbackPipelineStackProps extends StackProps {
  /** @default ['slow-response', 'unresolved', 'attitude', 'wrong-advice', 'billing', 'other'] */
  readonly complaintCategories?: readonly string[];
  /** Public API steady-state requests per second. @default 50 */
  readonly throttlingRateLimit?: number;
  /** Public API burst. @default 100 */
  readonly throttlingBurstLimit?: number;
  /** Days a stored complaint is kept. @default 730 */
  readonly complaintRetentionDays?: number;
  /** Days stored feedback is kept. @default 365 */
  readonly feedbackRetentionDays?: number;
  /** Days a complaint status link stays valid. @default 180 */
  readonly statusTokenTtlDays?: number;
  /** Days between rotations of the link-signing key; links outlive rotations. @default 90 */
  readonly signingKeyRotationDays?: number;
  /**
   * Where customers reach the API, e.g. a custom domain with a base path
   * (`https://support.example.com/feedback`); every link in answers and emails starts with it.
   * @default - the HTTP API's own endpoint (`https://<api-id>.execute-api.<region>.amazonaws.com`)
   */
  readonly publicBaseUrl?: string;
  /** Web origins allowed to call the public API from a browser. @default ['*'] */
  readonly allowedOrigins?: readonly string[];
}

/** The support feedback and complaint pipeline; it only composes the constructs. */
export class FeedbackPipelineStack extends Stack {
  public readonly api: PublicHttpApi;
  public readonly table: FeedbackTable;
  public readonly complaints: ComplaintIntake;
  public readonly feedback: FeedbackIntake;
  public readonly integration: IntegrationAuthorizer;
  public readonly supervisorSignIn: SupervisorSignIn;
  public readonly supervisorApi: SupervisorApi;

  constructor(scope: Construct, id: string, props: FeedbackPipelineStackProps = {}) {
    super(scope, id, props);
    const routeNotFound = new PipelineFunction(this, 'RouteNotFound', { name: 'route-not-found' });
    this.api = new PublicHttpApi(this, 'PublicApi', {
      notFound: routeNotFound.fn,
      throttlingRateLimit: props.throttlingRateLimit,
      throttlingBurstLimit: props.throttlingBurstLimit,
      allowedOrigins: props.allowedOrigins,
    });
    this.table = new FeedbackTable(this, 'Store');
    const signingKey = new LinkSigningKey(this, 'LinkSigningKey', {
      longestLinkLifetimeDays: props.statusTokenTtlDays,
      rotationDays: props.signingKeyRotationDays,
    });

    this.complaints = new ComplaintIntake(this, 'Complaints', {
      api: this.api,
      table: this.table,
      signingKey,
      // ApiEndpoint, not the stage URL: the local runtime resolves Fn::GetAtt Api.ApiEndpoint to
      // its gateway. No cycle: the Api does not depend on the functions, only its routes do.
      publicBaseUrl: props.publicBaseUrl ?? this.api.api.apiEndpoint,
      categories: props.complaintCategories ?? DEFAULT_COMPLAINT_CATEGORIES,
      statusTokenTtlDays: props.statusTokenTtlDays,
      retentionDays: props.complaintRetentionDays,
    });
    this.feedback = new FeedbackIntake(this, 'Feedback', {
      api: this.api,
      table: this.table,
      retentionDays: props.feedbackRetentionDays,
    });
    this.integration = new IntegrationAuthorizer(this, 'Integration', { api: this.api.api });
    this.supervisorSignIn = new SupervisorSignIn(this, 'SupervisorSignIn');
    this.supervisorApi = new SupervisorApi(this, 'Supervisors', {
      api: this.api,
      table: this.table,
      signingKey,
      signIn: this.supervisorSignIn,
      teams: Object.keys(defaultEscalationRules.teams),
    });
  }
}
