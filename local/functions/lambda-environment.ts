import { dirname } from 'node:path';
import { localCredentials, localRegion } from '../emulators/local-aws.ts';
import type { LambdaFunctionDefinition } from '../template/describe-functions.ts';

/**
 * The reserved variables the Lambda service sets in every execution environment, from the
 * function's template definition, plus the local region and keys. Variables the template sets
 * come first in Lambda's precedence only for unreserved names, so these are applied last.
 *
 * @example
 * const env = { ...templateVariables, ...endpoints, ...lambdaEnvironment(definition) };
 */
export function lambdaEnvironment(
  definition: Pick<LambdaFunctionDefinition, 'functionName' | 'memorySize' | 'modulePath' | 'runtime'>,
): Record<string, string> {
  return {
    AWS_REGION: localRegion,
    AWS_DEFAULT_REGION: localRegion,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: definition.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${definition.functionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    // "AWS_Lambda_" + the runtime identifier, e.g. AWS_Lambda_nodejs24.x (Lambda's reserved variables).
    ...(definition.runtime === undefined ? {} : { AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}` }),
    // Lambda sets TZ to ":UTC", whatever the machine's time zone, so local dates match deployed ones.
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: dirname(definition.modulePath),
  };
}

/**
 * The V8 heap limits Lambda's Node.js runtime gives a function. Its bootstrap reserves a tenth of
 * the memory size for the new space (`--max-semi-space-size` half of that) and passes the rest as
 * `--max-old-space-size`, so a 256 MB function gets 231 MB of old space and runs out of memory
 * where it would on Lambda. V8 sizes the young generation at three semi-spaces.
 *
 * @example
 * new Worker(url, { resourceLimits: lambdaHeapLimits(256) }); // { maxOldGenerationSizeMb: 231, maxYoungGenerationSizeMb: 36 }
 */
export function lambdaHeapLimits(memorySizeMb: number): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  const newSpaceMb = Math.floor(memorySizeMb / 10);
  return { maxOldGenerationSizeMb: memorySizeMb - newSpaceMb, maxYoungGenerationSizeMb: 3 * Math.floor(newSpaceMb / 2) };
}
