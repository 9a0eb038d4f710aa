import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, ClientAttributes, StringAttribute, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { supervisorRoles } from '../../functions/escalation/core/supervisor-identity.ts';

export interface SupervisorSignInProps {
  /** @default RemovalPolicy.RETAIN: the supervisors' accounts outlive the stack, like the table. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Supervisor sign-in: a Cognito user pool (no self sign-up: an admin creates the accounts), the
 * groups `supervisor`, `lead` and `admin` that the API reads from `cognito:groups`, the
 * `custom:team` attribute, and the console's app client. Its ID tokens carry every claim the API
 * reads (`supervisorClaimsSchema`).
 */
export class SupervisorSignIn extends Construct {
  public readonly userPool: UserPool;
  public readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: SupervisorSignInProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { team: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is left to the organisation signing supervisors in (most federate their own identity provider with MFA); the pool holds no customer data and every token is scoped to one team.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection (the Plus feature plan) is billed per monthly active user; a handful of invited supervisors with no self sign-up, strong passwords and team-scoped tokens does not warrant it. Set featurePlan PLUS where policy requires it.',
      },
    );
    // Highest role first: Cognito's precedence decides which group's role an identity pool would pick.
    for (const [index, role] of [...supervisorRoles].reverse().entries()) {
      new CfnUserPoolGroup(this, `${role[0]!.toUpperCase()}${role.slice(1)}Group`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        precedence: index,
        description: `Supervisor API role ${role}`,
      });
    }
    this.client = this.userPool.addClient('ConsoleClient', {
      // USER_PASSWORD_AUTH: the console's sign-in form sends the password to Cognito over TLS, no SRP library in the page.
      authFlows: { userSrp: true, userPassword: true },
      // No hosted UI until the console has real callback URLs: CDK's default would allow OAuth flows to https://example.com.
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }).withCustomAttributes('team'),
      // A user must never move themselves to another team: `custom:team` is written by admins only.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
  }
}
