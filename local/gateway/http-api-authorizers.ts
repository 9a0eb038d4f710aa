import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';

/** A Lambda REQUEST authorizer of an HTTP API, as the local gateway runs it. */
export interface HttpApiAuthorizer {
  readonly logicalId: string;
  readonly name: string;
  readonly functionName: string;
  /** Selection expressions, e.g. `$request.header.Authorization`; each must be present and non-empty. */
  readonly identitySource: readonly string[];
  /** 0: every request invokes the authorizer. */
  readonly resultTtlSeconds: number;
}

/** A JWT authorizer of an HTTP API, with its issuer as the local gateway reaches it. */
export interface HttpApiJwtAuthorizer {
  readonly logicalId: string;
  readonly name: string;
  readonly identitySource: readonly string[];
  /** The `iss` tokens must carry: locally, the local issuer standing in for the template's user pool. */
  readonly issuer: string;
  /** The issuer as the template names it (a Cognito user pool's URL on AWS). */
  readonly templateIssuer: string;
  /** `aud` (or `client_id`) values accepted. */
  readonly audience: readonly string[];
}

/** Raised at start-up for an authorizer the local gateway cannot honour, rather than letting requests through unchecked. */
export class UnsupportedAuthorizerError extends Error {
  override readonly name = 'UnsupportedAuthorizerError';
  constructor(
    readonly code: 'unsupported_authorizer',
    message: string,
  ) {
    super(message);
  }
}

const supportedIdentitySource = /^\$request\.(header|querystring)\.[^.\s]+$/;

/**
 * Reads the template's AWS::ApiGatewayV2::Authorizer resources that the local gateway emulates:
 * Lambda REQUEST authorizers with payload format 2.0 and simple responses, whose identity sources
 * are request headers or query parameters; and JWT authorizers whose issuer `localIssuerOf` can
 * map to a local issuer (a user pool of the template, served by the local token issuer). Anything
 * else (IAM-policy responses, `$context.` sources, an issuer out of reach) fails the start, so no
 * route is served without its authorization.
 *
 * @example
 * const authorizers = readHttpApiAuthorizers(template, values, (arn) => functionNameByArn.get(arn), (issuer) => userPools.localIssuerOf(issuer));
 */
export function readHttpApiAuthorizers(
  template: CfnTemplate,
  values: LocalResourceValues,
  functionNameOf: (functionArn: string) => string | undefined,
  localIssuerOf: (issuer: string) => string | undefined = () => undefined,
): Map<string, HttpApiAuthorizer | HttpApiJwtAuthorizer> {
  const authorizers = new Map<string, HttpApiAuthorizer | HttpApiJwtAuthorizer>();
  for (const [logicalId, props] of readResources(template, 'AWS::ApiGatewayV2::Authorizer')) {
    const unsupported = (why: string): UnsupportedAuthorizerError =>
      new UnsupportedAuthorizerError(
        'unsupported_authorizer',
        `Authorizer ${logicalId} (${props.Name}) ${why}; the local gateway emulates Lambda REQUEST authorizers with payload 2.0 and simple responses, and JWT authorizers of the template's user pools`,
      );
    if (props.AuthorizerType === 'JWT') {
      const templateIssuer = String(resolveIntrinsics(props.JwtConfiguration?.Issuer ?? '', values, `${logicalId} JwtConfiguration.Issuer`));
      const issuer = localIssuerOf(templateIssuer);
      if (issuer === undefined) throw unsupported(`trusts the issuer "${templateIssuer}", which is not a user pool of the template`);
      const audience = [resolveIntrinsics(props.JwtConfiguration?.Audience ?? [], values, `${logicalId} JwtConfiguration.Audience`)].flat().map(String);
      const identitySource = props.IdentitySource ?? ['$request.header.Authorization'];
      if (identitySource.length !== 1 || !/^\$request\.header\.[^.\s]+$/.test(identitySource[0]!)) throw unsupported('does not read its token from one header');
      authorizers.set(logicalId, { logicalId, name: props.Name, identitySource, issuer, templateIssuer, audience });
      continue;
    }
    if (props.AuthorizerType !== 'REQUEST') throw unsupported(`is a ${props.AuthorizerType} authorizer`);
    if (props.AuthorizerPayloadFormatVersion !== '2.0' || props.EnableSimpleResponses !== true)
      throw unsupported('does not use simple responses with payload 2.0');
    const identitySource = props.IdentitySource ?? [];
    const unreadable = identitySource.find((source) => !supportedIdentitySource.test(source));
    if (unreadable !== undefined) throw unsupported(`has the identity source ${unreadable}, not a header or query parameter`);
    // AuthorizerUri: arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function ARN>/invocations
    const uri = String(resolveIntrinsics(props.AuthorizerUri, values, `${logicalId} AuthorizerUri`));
    const functionArn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1];
    const functionName = functionArn === undefined ? undefined : functionNameOf(functionArn);
    if (functionName === undefined) throw unsupported(`invokes ${uri}, which is not a function of the template`);
    authorizers.set(logicalId, { logicalId, name: props.Name, functionName, identitySource, resultTtlSeconds: props.AuthorizerResultTtlInSeconds ?? 0 });
  }
  return authorizers;
}
