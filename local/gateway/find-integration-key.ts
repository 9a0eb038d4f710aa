import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';

/** Set on the authorizer function by infra/constructs/integration-authorizer.ts, as `{ Ref: <secret> }`. */
const integrationKeyVariable = 'INTEGRATION_KEY_SECRET_ARN';

/**
 * The local value of the integration key: the secret the template's authorizer function reads
 * through `INTEGRATION_KEY_SECRET_ARN`, looked up among the local secret values by logical id.
 * Undefined when the template has no such function (a fixture stack without one).
 *
 * @example
 * const integrationKey = findIntegrationKey(template, secrets.valuesByLogicalId);
 */
export function findIntegrationKey(template: CfnTemplate, secretValuesByLogicalId: Readonly<Record<string, string>>): string | undefined {
  for (const [, props] of readResources(template, 'AWS::Lambda::Function')) {
    const reference = props.Environment?.Variables?.[integrationKeyVariable];
    const logicalId = (reference as { Ref?: unknown } | undefined)?.Ref;
    if (typeof logicalId === 'string' && secretValuesByLogicalId[logicalId] !== undefined) return secretValuesByLogicalId[logicalId];
  }
  return undefined;
}
