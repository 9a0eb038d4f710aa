import { resourcesOfType, type CfnTemplate } from './cloudformation-template.ts';
import type { LocalResourceValues } from './resolve-intrinsics.ts';

/**
 * `Ref` of an HTTP API is its id; `Fn::GetAtt` ApiEndpoint is the local gateway's URL.
 *
 * @example
 * const values = httpApiValues(template, 'http://127.0.0.1:3000');
 */
export function httpApiValues(template: CfnTemplate, apiUrl: string): LocalResourceValues {
  const apis = resourcesOfType(template, 'AWS::ApiGatewayV2::Api');
  return {
    refs: new Map(apis.map(([logicalId]) => [logicalId, 'local'])),
    attributes: new Map(
      apis.flatMap(
        ([logicalId]) =>
          [
            [`${logicalId}.ApiEndpoint`, apiUrl],
            [`${logicalId}.ApiId`, 'local'],
          ] as const,
      ),
    ),
  };
}
