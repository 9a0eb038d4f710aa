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
 * are request headers or query parameters. Anything else (JWT, IAM-policy responses, `$context.`
 * sources) fails the start, so no route is served without its authorization.
 *
 * @example
 * const authorizers = readHttpApiAuthorizers(template, values, (arn) => functionNameByArn.get(arn));
 */
export function readHttpApiAuthorizers(
  template: CfnTemplate,
  values: LocalResourceValues,
  functionNameOf: (functionArn: string) => string | undefined,
): Map<string, HttpApiAuthorizer> {
  const authorizers = new Map<string, HttpApiAuthorizer>();
  for (const [logicalId, props] of readResources(template, 'AWS::ApiGatewayV2::Authorizer')) {
    const unsupported = (why: string): UnsupportedAuthorizerError =>
      new UnsupportedAuthorizerError(
        'unsupported_authorizer',
        `Authorizer ${logicalId} (${props.Name}) ${why}; the local gateway emulates only Lambda REQUEST authorizers with payload 2.0 and simple responses`,
      );
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
