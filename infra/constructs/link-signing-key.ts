import { Validations } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface LinkSigningKeyProps {
  /** @default 64 */
  readonly length?: number;
}

/**
 * The key that signs complaint status links. CloudFormation generates it inside Secrets Manager,
 * so it is never in code or in the template.
 */
export class LinkSigningKey extends Construct {
  public readonly secret: Secret;

  constructor(scope: Construct, id: string, props: LinkSigningKeyProps = {}) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'HMAC key signing complaint status links',
      generateSecretString: { excludePunctuation: true, passwordLength: props.length ?? 64 },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating the link-signing key would invalidate every outstanding status link; dual-key rotation is planned.',
    });
  }

  /** Lets `fn` read the key and tells it where in `SIGNING_KEY_SECRET_ARN`. */
  public grantReadTo(fn: LambdaFunction): void {
    fn.addEnvironment('SIGNING_KEY_SECRET_ARN', this.secret.secretArn);
    this.secret.grantRead(fn);
  }
}
