import { describe, expect, it } from 'vitest';
import { isValidIdempotencyKey, recordIdFor } from '../../../functions/platform/record-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('recordIdFor', () => {
  it('gives a new random id to each request without a key', () => {
    const first = recordIdFor('complaint', undefined, '{}');
    expect(first).toMatch(UUID);
    expect(recordIdFor('complaint', undefined, '{}')).not.toBe(first);
  });

  it('gives the same id to a retry with the same key and body', () => {
    expect(recordIdFor('complaint', 'key-1', '{"a":1}')).toBe(recordIdFor('complaint', 'key-1', '{"a":1}'));
    expect(recordIdFor('complaint', 'key-1', '{"a":1}')).toMatch(UUID);
  });

  it.each([
    ['another key', 'complaint', 'key-2', '{"a":1}'],
    ['another body', 'complaint', 'key-1', '{"a":2}'],
    ['another route', 'feedback', 'key-1', '{"a":1}'],
  ])('gives a different id for %s', (_name, scope, key, body) => {
    expect(recordIdFor(scope, key, body)).not.toBe(recordIdFor('complaint', 'key-1', '{"a":1}'));
  });
});

describe('isValidIdempotencyKey', () => {
  it.each([
    ['a UUID', '0b9f6b2e-6c1a-4c1e-9a53-2f0a3c9e1d11', true],
    ['255 characters', 'k'.repeat(255), true],
    ['an empty key', '', false],
    ['256 characters', 'k'.repeat(256), false],
    ['a space', 'a b', false],
    ['non-ASCII', 'キー', false],
  ])('says whether %s is valid', (_name, key, expected) => {
    expect(isValidIdempotencyKey(key)).toBe(expected);
  });
});
