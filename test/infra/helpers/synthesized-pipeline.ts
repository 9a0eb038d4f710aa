import { Template } from 'aws-cdk-lib/assertions';
import { inject } from 'vitest';

/** A template resource, loosely typed: tests walk CloudFormation JSON. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, any>;
}

/** The pipeline's template (synthesized once by the infra global setup) and lookups over it. */
export interface SynthesizedPipeline {
  readonly template: Template;
  readonly resources: Record<string, TemplateResource>;
  /** Every resource of a CloudFormation type, as `[logicalId, resource]`. */
  resourcesOfType(type: string): [string, TemplateResource][];
  /** The function whose `POWERTOOLS_SERVICE_NAME` is `name`; throws when there is none. */
  functionByService(name: string): TemplateResource;
  /** The logical id of a resource taken from `resources`. */
  logicalIdOf(resource: TemplateResource): string;
  /** A function's timeout and the sorted names of its environment variables. */
  functionContract(name: string): { timeout: number; variables: string[] };
}

/**
 * The real app's template, from the one synthesis the global setup ran for every infra test file.
 *
 * @example
 * const { template, functionByService } = synthesizedPipeline();
 * expect(functionByService('store-feedback').Properties.Timeout).toBe(30);
 */
export function synthesizedPipeline(): SynthesizedPipeline {
  const json = inject('pipelineSynthesis').template;
  const template = Template.fromJSON(json);
  const resources = template.toJSON().Resources as Record<string, TemplateResource>;
  const resourcesOfType = (type: string): [string, TemplateResource][] => Object.entries(resources).filter(([, r]) => r.Type === type);
  const functionByService = (name: string): TemplateResource => {
    const found = resourcesOfType('AWS::Lambda::Function').find(([, r]) => r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === name);
    if (found === undefined) throw new Error(`no function ${name}`);
    return found[1];
  };
  return {
    template,
    resources,
    resourcesOfType,
    functionByService,
    logicalIdOf(resource) {
      const entry = Object.entries(resources).find(([, r]) => r === resource);
      if (entry === undefined) throw new Error('resource not in template');
      return entry[0];
    },
    functionContract(name) {
      const { Timeout, Environment } = functionByService(name).Properties;
      return { timeout: Timeout, variables: Object.keys(Environment?.Variables ?? {}).sort() };
    },
  };
}
