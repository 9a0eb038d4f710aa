import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { accountRouteKeys } from '../../functions/escalation/contracts/accounts-api-paths.ts';
import type { FeedbackTable } from './feedback-table.ts';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';
import type { SupervisorSignIn } from './supervisor-sign-in.ts';

export interface AccountsApiProps {
  readonly api: PublicHttpApi;
  readonly table: FeedbackTable;
  readonly signIn: SupervisorSignIn;
  /** The supervisors' JWT authorizer: the same tokens as the supervisor API; the function admits admins only. */
  readonly authorizer: HttpUserPoolAuthorizer;
}

/**
 * The accounts API: one function (`accounts-api`) behind the `/accounts` routes, where an admin
 * creates, moves, disables and enables supervisors from the console. Its own function, so the
 * Cognito admin rights (on this pool only) and the Cognito client sit in no other function, and
 * its table rights reach the directory's partition only.
 */
export class AccountsApi extends Construct {
  public readonly function: PipelineFunction;

  constructor(scope: Construct, id: string, props: AccountsApiProps) {
    super(scope, id);
    this.function = new PipelineFunction(this, 'Function', { name: 'accounts-api', environment: { USER_POOL_ID: props.signIn.userPool.userPoolId } });
    props.table.grantDirectoryChangeTo(this.function.fn);
    this.function.fn.addToRolePolicy(
      new PolicyStatement({
        actions: [
          'cognito-idp:AdminGetUser',
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminAddUserToGroup',
          'cognito-idp:AdminUpdateUserAttributes',
          'cognito-idp:AdminDisableUser',
          'cognito-idp:AdminEnableUser',
        ],
        resources: [props.signIn.userPool.userPoolArn],
      }),
    );
    const integration = new HttpLambdaIntegration('AccountsApiIntegration', this.function.fn);
    for (const routeKey of accountRouteKeys) {
      const [method, path] = routeKey.split(' ') as [HttpMethod, string];
      props.api.api.addRoutes({ path, methods: [method], integration, authorizer: props.authorizer });
    }
  }
}
