import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { EDGE_REGION } from './constructs/edge-firewall.ts';

export interface EdgeFirewallStackProps extends StackProps {
  /** Requests one address may make to the public routes in five minutes before it is answered 429. */
  readonly requestsPerFiveMinutesPerIp: number;
  /** The public routes' keys (`POST /complaints`, `GET /s/{token}`): their paths are what the rate rule counts. */
  readonly publicRouteKeys: readonly string[];
  /** Where the web ACL's ARN is written, for the pipeline stack to read at deploy. */
  readonly webAclParameterName: string;
}

/**
 * The path prefixes of route keys: the part before the first path parameter, each once, and none
 * that a shorter one already covers.
 *
 * @example
 * ```ts
 * publicPathPrefixes(['POST /complaints', 'GET /complaints/status', 'GET /s/{token}', '$default']); // ['/complaints', '/s/']
 * ```
 * @internal exported for its tests
 */
export const publicPathPrefixes = (routeKeys: readonly string[]): string[] => {
  const prefixes = [...new Set(routeKeys.flatMap((key) => (key.startsWith('$') ? [] : [(key.split(' ')[1] ?? '').split('{')[0]!])))];
  return prefixes.filter((prefix) => !prefixes.some((shorter) => shorter !== prefix && prefix.startsWith(shorter)));
};

const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

/**
 * The edge firewall's web ACL, in us-east-1 as CloudFront requires: a rate-based rule per source
 * address on the public routes (answered 429), then AWS's common and known-bad-inputs rule groups.
 * The common group's 8 KB body limit only counts: the API's own limits refuse big bodies with a
 * clear error, and a complaint may be longer than 8 KB.
 */
export class EdgeFirewallStack extends Stack {
  public readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallStackProps) {
    super(scope, id, { ...props, env: { ...props.env, region: EDGE_REGION } });
    const paths = publicPathPrefixes(props.publicRouteKeys).map(
      (path): CfnWebACL.StatementProperty => ({
        byteMatchStatement: {
          fieldToMatch: { uriPath: {} },
          positionalConstraint: 'STARTS_WITH',
          searchString: path,
          textTransformations: [{ priority: 0, type: 'NONE' }],
        },
      }),
    );
    const managed = (name: string, priority: number, overrides: CfnWebACL.RuleActionOverrideProperty[] = []): CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides: overrides.length > 0 ? overrides : undefined } },
      visibilityConfig: visibility(name),
    });
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${id}-web-acl`),
      customResponseBodies: {
        'too-many-requests': {
          contentType: 'APPLICATION_JSON',
          content: '{"error":{"code":"too_many_requests","message":"Too many requests from this address; try again in a few minutes."}}',
        },
      },
      rules: [
        {
          name: 'RatePerAddressOnPublicRoutes',
          priority: 0,
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'too-many-requests' } } },
          statement: {
            rateBasedStatement: {
              limit: props.requestsPerFiveMinutesPerIp,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: paths.length === 1 ? paths[0] : { orStatement: { statements: paths } },
            },
          },
          visibilityConfig: visibility('RatePerAddressOnPublicRoutes'),
        },
        managed('AWSManagedRulesCommonRuleSet', 1, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
    new StringParameter(this, 'WebAclArn', { parameterName: props.webAclParameterName, stringValue: this.webAcl.attrArn });
    new CfnOutput(this, 'WebAclArnOutput', { key: 'WebAclArn', value: this.webAcl.attrArn });
  }
}
