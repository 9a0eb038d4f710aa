import { resourceSchemas, type ReadableResourceType, type ResourceProperties } from './resource-schemas.ts';
import { TemplateShapeError } from './template-shape-error.ts';

/** The subset of a synthesized CloudFormation template the local runtime reads. */
interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Parameters?: Record<string, { readonly Default?: unknown }>;
  readonly Outputs?: Record<string, { readonly Value?: unknown }>;
}

/**
 * The logical id an output refers to (`{ Ref: X }`), e.g. the table behind the `TableName` output.
 *
 * @example
 * outputRef(template, 'CountersTableName'); // 'ReportsCounters1A2B3C4D'
 */
export function outputRef(template: CfnTemplate, key: string): string | undefined {
  const value = template.Outputs?.[key]?.Value;
  return value !== null && typeof value === 'object' && 'Ref' in value && typeof value.Ref === 'string' ? value.Ref : undefined;
}

/**
 * Lists a template's resources of some types as `[logicalId, properties]` pairs, in template order.
 *
 * @example
 * for (const [logicalId, props] of resourcesOfType(template, 'AWS::SQS::Queue')) { ... }
 */
export function resourcesOfType(template: CfnTemplate, ...types: readonly string[]): Array<[logicalId: string, properties: Record<string, unknown>]> {
  return Object.entries(template.Resources)
    .filter(([, resource]) => types.includes(resource.Type))
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}

/**
 * Lists a template's resources of one type with their properties checked against the type's
 * schema in resource-schemas.ts (defaults applied); throws a one-line TemplateShapeError naming
 * the logical id when a property the local runtime reads has an unexpected shape.
 *
 * @example
 * for (const [logicalId, queue] of readResources(template, 'AWS::SQS::Queue')) queue.QueueName;
 */
export function readResources<Type extends ReadableResourceType>(
  template: CfnTemplate,
  type: Type,
): Array<[logicalId: string, properties: ResourceProperties<Type>]> {
  return resourcesOfType(template, type).map(([logicalId, properties]) => {
    const parsed = resourceSchemas[type].safeParse(properties);
    if (parsed.success) return [logicalId, parsed.data as ResourceProperties<Type>];
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(properties)'}: ${issue.message}`).join('; ');
    throw new TemplateShapeError(logicalId, `${type} ${logicalId} cannot run locally: ${problems}`, { cause: parsed.error });
  });
}
