import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { resourcesOfType, type CfnTemplate } from './cloudformation-template.ts';
import { localAccountId, localRegion } from '../emulators/local-aws.ts';
import type { LocalResourceValues } from './resolve-intrinsics.ts';

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
  return resourcesOfType(template, 'AWS::Lambda::Function').map(([logicalId, props]) => {
    const functionName = typeof props['FunctionName'] === 'string' ? props['FunctionName'] : logicalId;
    const codeDir = assetDirectory(logicalId, template.Resources[logicalId]?.Metadata, props, assemblyDir);
    const handler = String(props['Handler'] ?? 'index.handler');
    const separator = handler.lastIndexOf('.');
    const modulePath = findModule(logicalId, join(codeDir, handler.slice(0, separator)));
    const variables = (props['Environment'] as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    return {
      logicalId,
      functionName,
      arn: `arn:aws:lambda:${localRegion}:${localAccountId}:function:${functionName}`,
      modulePath,
      handlerName: handler.slice(separator + 1),
      // Lambda's defaults when the template leaves them out.
      timeoutSeconds: Number(props['Timeout'] ?? 3),
      memorySize: Number(props['MemorySize'] ?? 128),
      environment: variables,
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

function assetDirectory(
  logicalId: string,
  metadata: Record<string, unknown> | undefined,
  props: Record<string, unknown>,
  assemblyDir: string,
): string {
  const assetPath = metadata?.['aws:asset:path'];
  if (typeof assetPath === 'string') return isAbsolute(assetPath) ? assetPath : join(assemblyDir, assetPath);
  const s3Key = (props['Code'] as { S3Key?: unknown } | undefined)?.S3Key;
  if (typeof s3Key === 'string') return join(assemblyDir, `asset.${s3Key.replace(/\.zip$/, '')}`);
  throw new Error(`Function ${logicalId} has no staged asset (inline or image code is not supported locally)`);
}

function findModule(logicalId: string, basePath: string): string {
  const found = ['.mjs', '.js', '.cjs'].map((extension) => `${basePath}${extension}`).find((path) => existsSync(path));
  if (found === undefined) throw new Error(`Function ${logicalId}: no ${basePath}.mjs or .js in the cloud assembly`);
  return found;
}
