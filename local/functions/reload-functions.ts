import type { CfnTemplate } from '../template/cloudformation-template.ts';
import type { LambdaFunctionDefinition } from '../template/describe-functions.ts';
import type { HostedFunction } from './host-function.ts';

export interface FunctionReload {
  /** Functions now served by new execution environments (bundle, environment or settings changed). */
  readonly reloaded: readonly string[];
  /** Resources added, removed or changed that only a restart applies (tables, queues, routes, new functions). */
  readonly needsRestart: readonly string[];
}

/**
 * Swaps in the functions whose definition changed between two syntheses: a new HostedFunction
 * takes the function's name at once (so new invocations and queue batches use the new code), and
 * the old one drains its in-flight invocations before its workers stop. The emulators and their
 * data are untouched. Other resource changes are reported, not applied.
 *
 * @example
 * const { reloaded } = await reloadFunctions({ functions, before, after, nextDefinitions, host });
 */
export async function reloadFunctions(options: {
  /** The running functions by name; updated in place. */
  readonly functions: Map<string, HostedFunction>;
  readonly before: CfnTemplate;
  readonly after: CfnTemplate;
  readonly nextDefinitions: readonly LambdaFunctionDefinition[];
  /** Hosts a definition the way the pipeline hosts its functions (environment, log). */
  readonly host: (definition: LambdaFunctionDefinition) => HostedFunction;
}): Promise<FunctionReload> {
  const reloaded: string[] = [];
  const retiring: HostedFunction[] = [];
  const needsRestart = changedResources(options.before, options.after);
  for (const definition of options.nextDefinitions) {
    const running = options.functions.get(definition.functionName);
    if (running === undefined) continue; // a new function: listed by changedResources
    if (fingerprint(running.definition) === fingerprint(definition)) continue;
    const replacement = options.host(definition);
    options.functions.set(definition.functionName, replacement);
    retiring.push(running);
    reloaded.push(definition.logName);
    await replacement.warm();
  }
  await Promise.all(retiring.map((hosted) => hosted.stop()));
  return { reloaded, needsRestart };
}

// The bundle path carries the asset hash, so it changes with the code.
const fingerprint = (definition: LambdaFunctionDefinition): string =>
  JSON.stringify([definition.modulePath, definition.handlerName, definition.environment, definition.timeoutSeconds, definition.memorySize, definition.runtime]);

// What the local world is built from at start; roles, log groups, alarms and the like are not read.
const startTimeResourceType = /^AWS::(SQS|DynamoDB|ApiGatewayV2|SecretsManager)::|^AWS::Lambda::EventSourceMapping$/;

/** Logical ids of functions added or removed, and of start-time resources added, removed or changed. */
function changedResources(before: CfnTemplate, after: CfnTemplate): string[] {
  const ids = new Set([...Object.keys(before.Resources), ...Object.keys(after.Resources)]);
  return [...ids].filter((logicalId) => {
    const [previous, next] = [before.Resources[logicalId], after.Resources[logicalId]];
    const type = (next ?? previous)!.Type;
    if (type === 'AWS::Lambda::Function') return previous === undefined || next === undefined;
    return startTimeResourceType.test(type) && JSON.stringify(previous) !== JSON.stringify(next);
  });
}
