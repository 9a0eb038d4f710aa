import { parseIntegrationKeys } from '../../functions/integration/core/integration-keys.ts';
import { readResources, type CfnTemplate } from '../template/cloudformation-template.ts';

/** Set on the authorizer function by infra/constructs/integration-authorizer.ts, as `{ Ref: <secret> }`. */
const integrationKeyVariable = 'INTEGRATION_KEY_SECRET_ARN';

/**
 * The local integration key: the current key of the secret the template's authorizer function
 * reads through `INTEGRATION_KEY_SECRET_ARN`, looked up among the local secret values by logical id.
 * Undefined when the template has no such function (a fixture stack without one).
 *
 * @example
 * const integrationKey = findIntegrationKey(template, secrets.valuesByLogicalId);
 */
export function findIntegrationKey(template: CfnTemplate, secretValuesByLogicalId: Readonly<Record<string, string>>): string | undefined {
  const logicalId = findIntegrationKeySecret(template);
  const value = logicalId === undefined ? undefined : secretValuesByLogicalId[logicalId];
  return value === undefined ? undefined : parseIntegrationKeys(value).current;
}

/** The logical id of the secret the authorizer function reads, if the template has one. */
export function findIntegrationKeySecret(template: CfnTemplate): string | undefined {
  for (const [, props] of readResources(template, 'AWS::Lambda::Function')) {
    const reference = props.Environment?.Variables?.[integrationKeyVariable];
    const logicalId = (reference as { Ref?: unknown } | undefined)?.Ref;
    if (typeof logicalId === 'string') return logicalId;
  }
  return undefined;
}
