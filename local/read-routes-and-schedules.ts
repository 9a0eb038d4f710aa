import { readHttpApiAuthorizers } from './gateway/http-api-authorizers.ts';
import { readHttpApiRoutes, type HttpApiRoute } from './gateway/http-api-routes.ts';
import { readSchedules, type LocalSchedule } from './schedules/read-schedules.ts';
import type { CfnTemplate } from './template/cloudformation-template.ts';
import type { LambdaFunctionDefinition } from './template/describe-functions.ts';
import type { LocalResourceValues } from './template/resolve-intrinsics.ts';

/**
 * The HTTP API routes, each with its authorizer, and the schedules that invoke the template's
 * functions: read one way for `npm start` and for `npm run invoke`, so a function runs alone
 * with the same view of the template as in the pipeline. A schedule's target may name its
 * function by ARN (`Fn::GetAtt`) or by name (`Ref`).
 *
 * @example
 * const { routes, schedules } = readRoutesAndSchedules(template, values, definitions, { localIssuerOf: userPools.localIssuerOf, log });
 */
export function readRoutesAndSchedules(
  template: CfnTemplate,
  values: LocalResourceValues,
  definitions: readonly LambdaFunctionDefinition[],
  options: { readonly localIssuerOf: (issuer: string) => string | undefined; readonly log: (line: string) => void },
): { routes: HttpApiRoute[]; schedules: LocalSchedule[] } {
  const functionNameByArn = new Map(definitions.map((definition) => [definition.arn, definition.functionName]));
  const functionNames = new Set(definitions.map((definition) => definition.functionName));
  const authorizers = readHttpApiAuthorizers(template, values, (arn) => functionNameByArn.get(arn), options.localIssuerOf);
  return {
    routes: readHttpApiRoutes(template, values, (uri) => functionNameByArn.get(uri), authorizers),
    schedules: readSchedules(template, values, (target) => functionNameByArn.get(target) ?? (functionNames.has(target) ? target : undefined), options.log),
  };
}
