import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES, TWINNED_FUNCTION_NAMES } from '../../../bench/bundling.ts';
import { functionHandlers } from '../../../infra/function-handlers.ts';

const bareDir = fileURLToPath(new URL('../../../bench/bare/', import.meta.url));

// bench:size and bench:cold-start check the "Lean functions" budget only for the functions named
// here: a new function must join the list, with its bare twin, or its budget goes unchecked.
describe('the benchmarks function list', () => {
  it('names every function folder in functions/', () => {
    expect([...FUNCTION_NAMES].sort()).toEqual([...functionHandlers().keys()].sort());
  });

  it.each(TWINNED_FUNCTION_NAMES)('has a bare twin for %s in bench/bare/', (name) => {
    expect(existsSync(`${bareDir}${name}.ts`)).toBe(true);
  });

  it('leaves only route-not-found without a twin', () => {
    expect(FUNCTION_NAMES.filter((name) => !(TWINNED_FUNCTION_NAMES as readonly string[]).includes(name))).toEqual(['route-not-found']);
  });
});
