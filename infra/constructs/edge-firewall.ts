import { CfnOutput, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import { CfnRoute, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { lambdaRequestAuthorizer } from './lambda-request-authorizer.ts';
import { PipelineFunction } from './pipeline-function.ts';

/** The header CloudFront adds to every request it forwards; the public routes' authorizer checks it. */
const ORIGIN_KEY_HEADER = 'x-origin-key';

/** Where a CloudFront web ACL must live, whatever the stack's region. */
export const EDGE_REGION = 'us-east-1';

export interface EdgeFirewallProps {
  readonly api: HttpApi;
  /** The SSM parameter, in us-east-1, holding the web ACL's ARN (EdgeFirewallStack writes it). */
  readonly webAclParameterName: string;
}

/**
 * The stack's side of the edge firewall: a CloudFront distribution in front of the HTTP API with
 * the web ACL EdgeFirewallStack keeps in us-east-1 (an HTTP API cannot take a web ACL itself), and
 * the origin lock. CloudFront adds `x-origin-key: Bearer <key>` (the key a secret of this stack,
 * resolved by CloudFormation at deploy, never in the template), and {@link lockPublicRoutes} puts
 * every public route behind an authorizer that checks it, so the `execute-api` address no longer
 * goes around the firewall. The routes with an authorizer of their own (supervisors' JWT, the
 * support system's key) keep it.
 */
export class EdgeFirewall extends Construct {
  public readonly distribution: Distribution;
  /** `https://<distribution domain>`: where customers reach the API, and every link starts. */
  public readonly url: string;
  private readonly authorizerId: string;
  private readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps) {
    super(scope, id);
    this.api = props.api;
    const { partition, account } = Stack.of(this);
    const originKey = new Secret(this, 'OriginKey', {
      description: 'The key CloudFront adds to every request it forwards to the API (the edge firewall origin lock)',
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'current', excludePunctuation: true, passwordLength: 64 },
    });
    Validations.of(originKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Shared only between this stack’s distribution and its authorizer, never given to anyone. CloudFormation reads it into the distribution only when the distribution changes, so a scheduled rotation would lock CloudFront out.',
    });
    const check = new PipelineFunction(this, 'OriginCheck', {
      name: 'authorize-integration',
      timeout: Duration.seconds(5),
      environment: { INTEGRATION_KEY_SECRET_ARN: originKey.secretArn, INTEGRATION_KEY_MAX_AGE_SECONDS: '300' },
    });
    originKey.grantRead(check.fn);
    ({ authorizerId: this.authorizerId } = lambdaRequestAuthorizer(this, { api: props.api, fn: check.fn, name: 'origin-key', header: ORIGIN_KEY_HEADER }));

    // The ACL lives in us-east-1; its ARN is read from there at deploy.
    const webAclArn = new AwsCustomResource(this, 'WebAclArn', {
      onUpdate: {
        service: 'SSM',
        action: 'getParameter',
        parameters: { Name: props.webAclParameterName },
        region: EDGE_REGION,
        physicalResourceId: PhysicalResourceId.of(props.webAclParameterName),
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [`arn:${partition}:ssm:${EDGE_REGION}:${account}:parameter${props.webAclParameterName}`] }),
      installLatestAwsSdk: false,
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `${Stack.of(this).stackName}: the API behind the edge firewall`,
      defaultBehavior: {
        // The API's own host name, from https://<id>.execute-api.<region>.<suffix>.
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.api.apiEndpoint)), {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          customHeaders: { [ORIGIN_KEY_HEADER]: `Bearer ${originKey.secretValueFromJson('current').unsafeUnwrap()}` },
        }),
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Nothing is cached: every answer is per request (forms, signed links, the supervisors' API).
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      },
      webAclId: webAclArn.getResponseField('Parameter.Value'),
      priceClass: PriceClass.PRICE_CLASS_100,
    });
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'Customers of a support organisation may write from any country; the web ACL limits each address instead.' },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'The HTTP API keeps JSON access logs of every request CloudFront forwards; the web ACL’s blocks show in its metrics.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution answers on its default *.cloudfront.net name, whose certificate cannot set a minimum TLS version; customDomain is the way to one, and is not combined with the firewall yet.',
      },
    );
    // The singleton function behind every AwsCustomResource of the stack.
    const provider = Stack.of(this).node.tryFindChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`);
    if (provider !== undefined) {
      Validations.of(provider).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason: 'CDK’s AwsCustomResource provider logs with AWSLambdaBasicExecutionRole; it runs once per deploy, for one SSM read.',
        },
        { id: 'Serverless-LambdaDefaultMemorySize', reason: 'CDK sizes its AwsCustomResource provider, which runs once per deploy.' },
        { id: 'Serverless-LambdaDLQ', reason: 'A CloudFormation custom resource: a failure fails the deploy, which is its report.' },
        { id: 'Serverless-LambdaTracing', reason: 'One SSM read per deploy; CloudFormation’s events trace it.' },
      );
    }
    this.url = `https://${this.distribution.distributionDomainName}`;
    new CfnOutput(this, 'EdgeUrl', { key: 'EdgeUrl', value: this.url, description: 'The API behind the edge firewall: give customers links here.' });
    new CfnOutput(this, 'OriginKeySecretArn', { key: 'OriginKeySecretArn', value: originKey.secretArn });
  }

  /**
   * Puts every route of the API that has no authorizer (but the catch-all) behind the origin
   * check; answers their route keys (the public routes, whose paths the web ACL's rate rule
   * watches). Call once every route exists.
   */
  public lockPublicRoutes(): string[] {
    const routes = Stack.of(this)
      .node.findAll()
      .filter((child): child is CfnRoute => child instanceof CfnRoute && child.apiId === this.api.apiId)
      .filter((route) => route.authorizationType === undefined || route.authorizationType === 'NONE')
      // Not the catch-all: it only answers "not found", and an authorizer on it would take the
      // CORS preflights API Gateway answers for the other routes.
      .filter((route) => route.routeKey !== '$default');
    for (const route of routes) {
      route.authorizationType = 'CUSTOM';
      route.authorizerId = this.authorizerId;
    }
    return routes.map((route) => route.routeKey);
  }
}
