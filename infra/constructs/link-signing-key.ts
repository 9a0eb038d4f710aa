import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { PipelineFunction } from './pipeline-function.ts';

export interface LinkSigningKeyProps {
  /** Length of the first, generated key. @default 64 */
  readonly length?: number;
  /**
   * The longest lifetime of any link signed with the key; a retired key is kept this long (plus
   * a grace day) so no unexpired link stops verifying. @default 180
   */
  readonly longestLinkLifetimeDays?: number;
  /** Days between scheduled rotations (Secrets Manager allows 4 hours to 1,000 days). @default 90 */
  readonly rotationDays?: number;
}

/**
 * The key ring that signs customer links. CloudFormation generates the first key inside Secrets
 * Manager, so it is never in code or in the template; the `rotate-signing-key` function rotates
 * it on a schedule. The secret outlives the stack, like the table: deleting or replacing it
 * would invalidate every outstanding link.
 */
export class LinkSigningKey extends Construct {
  public readonly secret: Secret;
  public readonly rotation: PipelineFunction;

  constructor(scope: Construct, id: string, props: LinkSigningKeyProps = {}) {
    super(scope, id);
    // Unchanged generation settings: changing GenerateSecretString makes CloudFormation generate
    // a new value, which would invalidate every link signed with the current one.
    this.secret = new Secret(this, 'Secret', {
      description: 'HMAC key ring signing customer links (status links, survey invitations)',
      generateSecretString: { excludePunctuation: true, passwordLength: props.length ?? 64 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.rotation = new PipelineFunction(this, 'Rotation', {
      name: 'rotate-signing-key',
      timeout: Duration.seconds(30),
      environment: { LINK_LIFETIME_DAYS: String(props.longestLinkLifetimeDays ?? 180) },
    });
    // Grants the function DescribeSecret, GetSecretValue, PutSecretValue and
    // UpdateSecretVersionStage on this secret and lets Secrets Manager invoke it.
    this.secret.addRotationSchedule('Schedule', {
      rotationLambda: this.rotation.fn,
      automaticallyAfter: Duration.days(props.rotationDays ?? 90),
    });
    // PipelineFunction acknowledges Resource::* for X-Ray already; this records the second reason.
    Validations.of(this.rotation.fn.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'addRotationSchedule grants secretsmanager:GetRandomPassword, which has no resource-level permissions (the function draws keys from node:crypto and never calls it); X-Ray writes have none either.',
    });
  }

  /** Lets `fn` read the key ring and tells it where in `SIGNING_KEY_SECRET_ARN`. */
  public grantReadTo(fn: LambdaFunction): void {
    fn.addEnvironment('SIGNING_KEY_SECRET_ARN', this.secret.secretArn);
    this.secret.grantRead(fn);
  }
}
