import { expect } from 'vitest';

/**
 * The JSON error body a refusal with `code` must have: field details exactly when the code is
 * about fields, none otherwise.
 *
 * @example
 * expect(response.json).toEqual(errorBodyFor('invalid_json'));
 */
export const errorBodyFor = (code: string) => ({
  error: {
    code,
    message: expect.any(String),
    details:
      code === 'validation_failed' || code === 'duplicate_key'
        ? expect.arrayContaining([{ path: expect.any(String), code: expect.any(String), message: expect.any(String) }])
        : [],
  },
});
