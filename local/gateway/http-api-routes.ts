import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';
import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';
import { UnsupportedAuthorizerError, type HttpApiAuthorizer, type HttpApiJwtAuthorizer } from './http-api-authorizers.ts';

export interface HttpApiRoute {
  /** As in the template: `POST /complaints`, `GET /complaints/{id}`, `ANY /{proxy+}` or `$default`. */
  readonly routeKey: string;
  readonly functionName: string;
  readonly stage: string;
  /** The authorizer every request must pass first: a Lambda one (AuthorizationType CUSTOM) or a JWT one (JWT). */
  readonly authorizer?: HttpApiAuthorizer | HttpApiJwtAuthorizer;
  /** A JWT route's AuthorizationScopes: the token needs one of them. */
  readonly authorizationScopes?: readonly string[];
}

export interface RouteMatch {
  readonly route: HttpApiRoute;
  readonly pathParameters?: Record<string, string>;
}

/**
 * Reads the AWS::ApiGatewayV2 routes of HTTP APIs and the Lambda function behind each one
 * (Route.Target `integrations/<id>`, Integration.IntegrationUri = the function's ARN), with the
 * authorizer of a CUSTOM (Lambda) or JWT route (AuthorizerId, from `readHttpApiAuthorizers`). A
 * route with an authorization the gateway cannot check (AWS_IAM, or a kind its authorizer is not)
 * fails the start rather than run open.
 *
 * @example
 * const routes = readHttpApiRoutes(template, values, (arn) => functionNameByArn.get(arn));
 */
export function readHttpApiRoutes(
  template: CfnTemplate,
  values: LocalResourceValues,
  functionNameOf: (integrationUri: string) => string | undefined,
  authorizers: ReadonlyMap<string, HttpApiAuthorizer | HttpApiJwtAuthorizer> = new Map(),
): HttpApiRoute[] {
  const integrations = new Map(readResources(template, 'AWS::ApiGatewayV2::Integration'));
  const stages = readResources(template, 'AWS::ApiGatewayV2::Stage');
  return readResources(template, 'AWS::ApiGatewayV2::Route').map(([logicalId, props]) => {
    const routeKey = props.RouteKey;
    const integrationId = referencedLogicalId(props.Target);
    const integration = integrationId === undefined ? undefined : integrations.get(integrationId);
    if (integration === undefined) throw new Error(`Route ${logicalId} (${routeKey}) has no integration the local gateway can follow`);
    const uri = String(resolveIntrinsics(integration.IntegrationUri, values, `${integrationId} IntegrationUri`));
    const functionName = functionNameOf(uri);
    if (functionName === undefined) throw new Error(`Route ${logicalId} (${routeKey}) integrates ${uri}, which is not a function of the template`);
    const apiId = referencedLogicalId(props.ApiId);
    const stage = stages.find(([, stage]) => referencedLogicalId(stage.ApiId) === apiId)?.[1].StageName;
    const authorizationType = props.AuthorizationType ?? 'NONE';
    if (authorizationType === 'NONE') return { routeKey, functionName, stage: stage ?? '$default' };
    const authorizerId = referencedLogicalId(props.AuthorizerId);
    const found = authorizerId === undefined ? undefined : authorizers.get(authorizerId);
    const kindFits = found !== undefined && (authorizationType === 'JWT') === 'issuer' in found && ['CUSTOM', 'JWT'].includes(authorizationType);
    const authorizer = kindFits ? found : undefined;
    if (authorizer === undefined) {
      throw new UnsupportedAuthorizerError(
        'unsupported_authorizer',
        `Route ${logicalId} (${routeKey}) has ${authorizationType} authorization the local gateway cannot check`,
      );
    }
    const scopes = props.AuthorizationScopes ?? [];
    return { routeKey, functionName, stage: stage ?? '$default', authorizer, ...(scopes.length > 0 ? { authorizationScopes: scopes } : {}) };
  });
}

/**
 * Picks the route API Gateway would: the most specific path wins (literal segments over
 * `{param}` over `{proxy+}`), a method beats ANY, and `$default` catches the rest.
 *
 * A path with an empty segment (`//feedback`, `/feedback/`, `/a//b`) or a percent escape that
 * does not decode matches nothing, not even `$default`, and the gateway answers 404 as it does
 * for an unmatched route. API Gateway's routing documentation says nothing of such paths, so
 * rather than guess whether it would collapse the slashes, we refuse them.
 */
export function matchRoute(routes: readonly HttpApiRoute[], method: string, path: string): RouteMatch | undefined {
  if (hasEmptySegment(path) || !decodes(path)) return undefined;
  let best: { match: RouteMatch; score: number } | undefined;
  for (const route of routes) {
    const [routeMethod, routePath] = route.routeKey.split(' ');
    if (routePath === undefined || (routeMethod !== method && routeMethod !== 'ANY')) continue;
    const matched = matchPath(routePath, path);
    if (matched === undefined) continue;
    const score = matched.score * 2 + (routeMethod === method ? 1 : 0);
    if (best === undefined || score > best.score) best = { match: { route, pathParameters: matched.pathParameters }, score };
  }
  const fallback = routes.find((route) => route.routeKey === '$default');
  return best?.match ?? (fallback === undefined ? undefined : { route: fallback });
}

const hasEmptySegment = (path: string): boolean => path !== '/' && path.split('/').slice(1).includes('');

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function matchPath(routePath: string, path: string): { score: number; pathParameters?: Record<string, string> } | undefined {
  const routeSegments = routePath.split('/').filter(Boolean);
  const pathSegments = path === '/' ? [] : path.split('/').slice(1);
  const parameters: Record<string, string> = {};
  let score = 0;
  for (const [index, segment] of routeSegments.entries()) {
    const greedy = /^\{(.+)\+\}$/.exec(segment);
    if (greedy?.[1] !== undefined) {
      if (index >= pathSegments.length) return undefined;
      parameters[greedy[1]] = pathSegments.slice(index).map(decodeURIComponent).join('/');
      return { score, pathParameters: parameters };
    }
    const actual = pathSegments[index];
    if (actual === undefined) return undefined;
    const parameter = /^\{(.+)\}$/.exec(segment)?.[1];
    if (parameter !== undefined) parameters[parameter] = decodeURIComponent(actual);
    else if (segment !== actual) return undefined;
    // Literal segments weigh more than parameters, earlier segments more than later ones.
    score += (parameter === undefined ? 2 : 1) * 100 ** (routeSegments.length - index);
  }
  if (pathSegments.length !== routeSegments.length) return undefined;
  return { score: score + 1, ...(Object.keys(parameters).length > 0 ? { pathParameters: parameters } : {}) };
}

/** The logical id behind `{ Ref: X }`, `{ Fn::GetAtt: [X, ...] }` or a Join around one of them. */
function referencedLogicalId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record['Ref'] === 'string') return record['Ref'];
  const getAtt = record['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return String(getAtt[0]);
  for (const nested of Object.values(record).flat(2)) {
    const found = referencedLogicalId(nested);
    if (found !== undefined) return found;
  }
  return undefined;
}
