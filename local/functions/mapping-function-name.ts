import { resolveIntrinsics, type LocalResourceValues } from '../template/resolve-intrinsics.ts';

/**
 * The name of the function an event source mapping invokes: its FunctionName resolved, which may
 * be a name or an ARN; the name is the last segment of both.
 *
 * @example
 * const functionName = mappingFunctionName(props.FunctionName, values, logicalId);
 */
export const mappingFunctionName = (functionName: unknown, values: LocalResourceValues, logicalId: string): string => {
  const ref = String(resolveIntrinsics(functionName, values, `${logicalId} FunctionName`));
  return ref.split(':').at(-1) ?? ref;
};
