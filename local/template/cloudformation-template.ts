/** The subset of a synthesized CloudFormation template the local runtime reads. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Parameters?: Record<string, { readonly Default?: unknown }>;
}

/**
 * Lists a template's resources of some types as `[logicalId, properties]` pairs, in template order.
 *
 * @example
 * for (const [logicalId, props] of resourcesOfType(template, 'AWS::SQS::Queue')) { ... }
 */
export function resourcesOfType(
  template: CfnTemplate,
  ...types: readonly string[]
): Array<[logicalId: string, properties: Record<string, unknown>]> {
  return Object.entries(template.Resources)
    .filter(([, resource]) => types.includes(resource.Type))
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}
