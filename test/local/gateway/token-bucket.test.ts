import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../local/gateway/token-bucket.ts';

/** How many of `count` requests made at `atMs` the bucket lets through. */
const admitted = (bucket: TokenBucket, count: number, atMs: number): number => Array.from({ length: count }, () => bucket.take(atMs)).filter(Boolean).length;

describe('TokenBucket', () => {
  it('lets a burst of burstLimit requests through at once, then refuses', () => {
    const bucket = new TokenBucket({ rateLimit: 50, burstLimit: 100 }, 0);

    expect(admitted(bucket, 150, 0)).toBe(100);
  });

  it('refills at rateLimit tokens a second', () => {
    const bucket = new TokenBucket({ rateLimit: 50, burstLimit: 100 }, 0);
    admitted(bucket, 100, 0);

    expect(admitted(bucket, 100, 200)).toBe(10);
    expect(admitted(bucket, 100, 1200)).toBe(50);
  });

  it('never holds more than burstLimit tokens, however long it rests', () => {
    const bucket = new TokenBucket({ rateLimit: 50, burstLimit: 100 }, 0);

    expect(admitted(bucket, 500, 3_600_000)).toBe(100);
  });

  it('keeps fractions of a token between requests', () => {
    const bucket = new TokenBucket({ rateLimit: 1, burstLimit: 1 }, 0);
    bucket.take(0);

    expect([bucket.take(400), bucket.take(800), bucket.take(1000)]).toEqual([false, false, true]);
  });

  it.each([
    ['a burst limit of 0', { rateLimit: 50, burstLimit: 0 }, 0],
    ['a rate limit of 0 after the burst', { rateLimit: 0, burstLimit: 2 }, 2],
  ])('admits only what %s allows', (_name, limits, expected) => {
    const bucket = new TokenBucket(limits, 0);

    expect(admitted(bucket, 10, 0) + admitted(bucket, 10, 60_000)).toBe(expected);
  });

  it('does not refill when the clock steps back', () => {
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 1 }, 1000);
    bucket.take(1000);

    expect(bucket.take(500)).toBe(false);
    expect(bucket.take(1100)).toBe(true);
  });
});
