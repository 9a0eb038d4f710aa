import { vi } from 'vitest';

/**
 * Sets a function's environment for the test file that calls it, through `vi.stubEnv`, so the
 * unit project's setup (`test/unit/restore-environment.ts`) puts every variable back as it was
 * once the file's tests are done, and no file's settings leak into another's.
 *
 * @example
 * ```ts
 * beforeAll(async () => {
 *   stubEnvironment({ TABLE_NAME: 'table' });
 *   ({ handler } = await import('../../../../functions/intake/store-feedback/handler.ts'));
 * });
 * ```
 */
export const stubEnvironment = (values: Readonly<Record<string, string>>): void => {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
};
