import { CfnOutput, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, ClientAttributes, Mfa, StringAttribute, UserPool, type UserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { supervisorRoles } from '../../functions/escalation/contracts/supervisor-claims.ts';

/** Whether supervisors sign in with a second factor (an authenticator app's TOTP code; never SMS). */
export type SupervisorMfa = 'off' | 'optional' | 'required';

const MFA_MODES: Readonly<Record<SupervisorMfa, Mfa>> = { off: Mfa.OFF, optional: Mfa.OPTIONAL, required: Mfa.REQUIRED };

export interface SupervisorSignInProps {
  /**
   * TOTP multi-factor sign-in: `optional` lets each supervisor add an authenticator app,
   * `required` makes every one set it up at first sign-in.
   * @default 'off'
   */
  readonly mfa?: SupervisorMfa;
  /** @default RemovalPolicy.RETAIN: the supervisors' accounts outlive the stack, like the table. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Supervisor sign-in: a Cognito user pool (no self sign-up: an admin creates the accounts, each
 * under a user name that is their identity everywhere), the groups `supervisor`, `lead` and
 * `admin` that the API reads from `cognito:groups`, the `custom:team` attribute, and the console's
 * app client. Its ID tokens carry every claim the API reads (`supervisorClaimsSchema`). The pool and
 * client ids are stack outputs, for the admin commands and the deploy guide.
 */
export class SupervisorSignIn extends Construct {
  public readonly userPool: UserPool;
  public readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: SupervisorSignInProps = {}) {
    super(scope, id);
    const mfa = props.mfa ?? 'off';
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      // The user name is the identity every escalation, rota, audit entry and email names
      // (`cognito:username`): chosen by the admin who creates the user (`sup-japan-haruto`),
      // never changed; the email address is an alias to sign in with. Case-insensitive, so
      // `Sup-Japan-Haruto` signs in as the same user.
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: { team: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      mfa: MFA_MODES[mfa],
      ...(mfa === 'off' ? {} : { mfaSecondFactor: { otp: true, sms: false } }),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      ...(mfa === 'required'
        ? []
        : [
            {
              id: 'AwsSolutions-COG2',
              reason: `MFA is a stack setting (supervisorMfa: 'off', 'optional' or 'required'; TOTP only), here '${mfa}': the default leaves it to each organisation, as the console's only data is escalations of its own teams and every account is created by an admin with a 12-character password.`,
            },
          ]),
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
    new CfnOutput(this, 'UserPoolId', { key: 'SupervisorUserPoolId', value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { key: 'SupervisorConsoleClientId', value: this.client.userPoolClientId });
  }
}
