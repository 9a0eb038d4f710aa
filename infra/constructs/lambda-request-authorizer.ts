import { Duration, Stack } from 'aws-cdk-lib';
import { AuthorizerPayloadVersion, HttpAuthorizer, HttpAuthorizerType, type HttpApi, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

/**
 * A Lambda REQUEST authorizer on `api` (payload 2.0, simple responses) that `fn` answers for the
 * key in `header`, with API Gateway's decision cached per header value; returns what a route
 * binds, and the authorizer's id. HttpAuthorizer rather than HttpLambdaAuthorizer: the latter creates the authorizer only
 * when the first route binds it, and the authorizer must exist (and be testable) before any route does.
 *
 * @example
 * ```ts
 * ({ authorizer: this.authorizer } = lambdaRequestAuthorizer(this, { api, fn: this.function.fn, name: 'integration-key', header: 'Authorization' }));
 * ```
 */
export const lambdaRequestAuthorizer = (
  scope: Construct,
  props: {
    readonly api: HttpApi;
    readonly fn: LambdaFunction;
    readonly name: string;
    readonly header: string;
    readonly resultsCacheTtl?: Duration | undefined;
  },
): { readonly authorizer: IHttpRouteAuthorizer; readonly authorizerId: string } => {
  const { partition, region } = Stack.of(scope);
  const cfnAuthorizer = new HttpAuthorizer(scope, 'Authorizer', {
    httpApi: props.api,
    authorizerName: props.name,
    type: HttpAuthorizerType.LAMBDA,
    // A request without this header is refused by API Gateway with 401, before any invocation.
    identitySource: [`$request.header.${props.header}`],
    enableSimpleResponses: true,
    payloadFormatVersion: AuthorizerPayloadVersion.VERSION_2_0,
    authorizerUri: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${props.fn.functionArn}/invocations`,
    resultsCacheTtl: props.resultsCacheTtl ?? Duration.minutes(5),
  });
  props.fn.addPermission('InvokedByApiGateway', {
    principal: new ServicePrincipal('apigateway.amazonaws.com'),
    sourceArn: Stack.of(scope).formatArn({ service: 'execute-api', resource: props.api.apiId, resourceName: `authorizers/${cfnAuthorizer.authorizerId}` }),
  });
  // A route bound to this gets AuthorizationType CUSTOM and this AuthorizerId, as HttpLambdaAuthorizer gives.
  const authorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(scope, 'RouteAuthorizer', {
    authorizerId: cfnAuthorizer.authorizerId,
    authorizerType: 'CUSTOM',
  });
  return { authorizer, authorizerId: cfnAuthorizer.authorizerId };
};
