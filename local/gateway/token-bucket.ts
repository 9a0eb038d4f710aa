/** A steady-state rate in requests per second and a bucket size, as API Gateway's throttles state them. */
export interface ThrottleLimits {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

/**
 * The token bucket API Gateway throttles with: the bucket starts full with `burstLimit` tokens,
 * refills at `rateLimit` tokens a second up to `burstLimit`, and each request takes one token or
 * is refused. The clock is passed in, so the bucket is deterministic under test.
 *
 * @example
 * const bucket = new TokenBucket({ rateLimit: 50, burstLimit: 100 }, performance.now());
 * if (!bucket.take(performance.now())) answer429();
 */
export class TokenBucket {
  private tokens: number;
  private refilledAtMs: number;

  constructor(
    private readonly limits: ThrottleLimits,
    nowMs: number,
  ) {
    this.tokens = limits.burstLimit;
    this.refilledAtMs = nowMs;
  }

  /** Takes one token at `nowMs` (milliseconds on a monotonic clock); false when none is left. */
  take(nowMs: number): boolean {
    const elapsedSeconds = Math.max(0, nowMs - this.refilledAtMs) / 1000;
    this.tokens = Math.min(this.limits.burstLimit, this.tokens + elapsedSeconds * this.limits.rateLimit);
    this.refilledAtMs = Math.max(this.refilledAtMs, nowMs);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
