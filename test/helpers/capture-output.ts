import { vi } from 'vitest';

/**
 * Captures what the code under test writes to stdout and stderr, where Powertools writes log
 * lines and EMF metrics on Lambda. Restore with `vi.restoreAllMocks()`.
 *
 * @example
 * const output = captureOutput();
 * await handler(event, context);
 * expect(output()).not.toContain('customer@example.com');
 */
export const captureOutput = (): (() => string) => {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  return () => written.join('');
};
