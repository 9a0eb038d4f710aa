import type { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Construct } from 'constructs';
import { supervisorRouteKeys } from '../../functions/escalation/contracts/supervisor-api-paths.ts';
import type { FeedbackTable } from './feedback-table.ts';
import type { LinkSigningKey } from './link-signing-key.ts';
import { PipelineFunction } from './pipeline-function.ts';
import type { PublicHttpApi } from './public-http-api.ts';
import type { SupervisorSignIn } from './supervisor-sign-in.ts';

export interface SupervisorApiProps {
  readonly api: PublicHttpApi;
  readonly table: FeedbackTable;
  readonly signingKey: LinkSigningKey;
  readonly signIn: SupervisorSignIn;
  /** The teams an admin's unfiltered listing covers: the escalation rules' teams. */
  readonly teams: readonly string[];
}

/**
 * The supervisor API: one function (`supervisor-api`) behind the `/escalations` routes, every
 * route behind a JWT authorizer on the supervisors' user pool (API Gateway answers 401 itself to a
 * missing, forged or expired token and passes the verified claims to the function).
 */
export class SupervisorApi extends Construct {
  public readonly function: PipelineFunction;
  public readonly authorizer: HttpUserPoolAuthorizer;

  constructor(scope: Construct, id: string, props: SupervisorApiProps) {
    super(scope, id);
    this.function = new PipelineFunction(this, 'Function', { name: 'supervisor-api', environment: { ESCALATION_TEAMS: props.teams.join(',') } });
    props.table.grantEscalationAccessTo(this.function.fn);
    props.table.grantResponseMarkingTo(this.function.fn);
    props.signingKey.grantReadTo(this.function.fn);
    // Issuer https://cognito-idp.<region>.amazonaws.com/<pool id>, audience the console's app client.
    this.authorizer = new HttpUserPoolAuthorizer('SupervisorAuthorizer', props.signIn.userPool, {
      userPoolClients: [props.signIn.client],
      authorizerName: 'supervisor-jwt',
      identitySource: ['$request.header.Authorization'],
    });
    const integration = new HttpLambdaIntegration('SupervisorApiIntegration', this.function.fn);
    for (const routeKey of supervisorRouteKeys) {
      const [method, path] = routeKey.split(' ') as [HttpMethod, string];
      props.api.api.addRoutes({ path, methods: [method], integration, authorizer: this.authorizer });
    }
  }
}
