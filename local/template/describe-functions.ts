import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { readResources, type CfnTemplate } from './cloudformation-template.ts';
import { localAccountId, localRegion } from '../emulators/local-aws.ts';
import type { LocalResourceValues } from './resolve-intrinsics.ts';

/** Template metadata naming a function's source folder; set by infra/constructs/pipeline-function.ts. */
const functionFolderMetadataKey = 'pipeline:function-folder';

/** One AWS::Lambda::Function as the local runtime hosts it. */
export interface LambdaFunctionDefinition {
  readonly logicalId: string;
  readonly functionName: string;
  readonly arn: string;
  /** The bundle that `cdk synth` staged, so local runs the very code that deploys. */
  readonly modulePath: string;
  readonly handlerName: string;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
  /** The template's Runtime, e.g. `nodejs24.x` (undefined for a container image). */
  readonly runtime: string | undefined;
  /**
   * A short name for logs: the function's folder under functions/ (the `pipeline:function-folder`
   * metadata PipelineFunction sets), else the function name.
   */
  readonly logName: string;
  /** Environment.Variables as in the template, intrinsics unresolved. */
  readonly environment: Record<string, unknown>;
}

/**
 * Reads every AWS::Lambda::Function of a synthesized template and finds its staged bundle in the
 * cloud assembly (`aws:asset:path` metadata when the CLI enabled it, else `asset.<hash>` from S3Key).
 *
 * @example
 * const functions = describeFunctions(template, '.data/cdk.out');
 */
export function describeFunctions(template: CfnTemplate, assemblyDir: string): LambdaFunctionDefinition[] {
  return readResources(template, 'AWS::Lambda::Function').map(([logicalId, props]) => {
    const functionName = props.FunctionName ?? logicalId;
    const metadata = template.Resources[logicalId]?.Metadata;
    const codeDir = assetDirectory(logicalId, metadata, props.Code.S3Key, assemblyDir);
    const separator = props.Handler.lastIndexOf('.');
    const modulePath = findModule(logicalId, join(codeDir, props.Handler.slice(0, separator)));
    const folder = metadata?.[functionFolderMetadataKey];
    return {
      logicalId,
      functionName,
      arn: `arn:aws:lambda:${localRegion}:${localAccountId}:function:${functionName}`,
      modulePath,
      handlerName: props.Handler.slice(separator + 1),
      timeoutSeconds: props.Timeout,
      memorySize: props.MemorySize,
      runtime: props.Runtime,
      logName: typeof folder === 'string' ? folder : functionName,
      environment: props.Environment?.Variables ?? {},
    };
  });
}

/** `Ref` of a function is its name; `Fn::GetAtt` Arn its ARN (API integrations point at it). */
export function functionValues(functions: readonly LambdaFunctionDefinition[]): LocalResourceValues {
  return {
    refs: new Map(functions.map((fn) => [fn.logicalId, fn.functionName])),
    attributes: new Map(functions.map((fn) => [`${fn.logicalId}.Arn`, fn.arn])),
  };
}

function assetDirectory(logicalId: string, metadata: Record<string, unknown> | undefined, s3Key: unknown, assemblyDir: string): string {
  const assetPath = metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string') return isAbsolute(assetPath) ? assetPath : join(assemblyDir, assetPath);
  if (typeof s3Key === 'string') return join(assemblyDir, `asset.${s3Key.replace(/\.zip$/, '')}`);
  throw new Error(`Function ${logicalId} has no staged asset (inline or image code is not supported locally)`);
}

function findModule(logicalId: string, basePath: string): string {
  const found = ['.mjs', '.js', '.cjs'].map((extension) => `${basePath}${extension}`).find((path) => existsSync(path));
  if (found === undefined) throw new Error(`Function ${logicalId}: no ${basePath}.mjs or .js in the cloud assembly`);
  return found;
}
