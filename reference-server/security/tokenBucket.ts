// A token bucket as pure data and one function of the clock: `rate` tokens a second refill up to `burst`,
// each request takes one, and a refused request learns how long until the next token.

export interface TokenBucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in the caller's clock (ms). */
  updatedMs: number;
}

export interface TokenBucketLimits {
  /** Tokens added per second. */
  readonly rate: number;
  /** Most tokens the bucket holds: the largest burst allowed after an idle spell. */
  readonly burst: number;
}

export type TakeResult = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/** A full bucket at `nowMs`. */
export function fullBucket(limits: TokenBucketLimits, nowMs: number): TokenBucket {
  return { tokens: limits.burst, updatedMs: nowMs };
}

/** Refills `bucket` for the time since its last update, then takes one token if there is one. Mutates `bucket`. */
export function takeToken(bucket: TokenBucket, limits: TokenBucketLimits, nowMs: number): TakeResult {
  const elapsedMs = Math.max(0, nowMs - bucket.updatedMs);
  bucket.tokens = Math.min(limits.burst, bucket.tokens + (elapsedMs * limits.rate) / 1000);
  bucket.updatedMs = Math.max(bucket.updatedMs, nowMs);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return { allowed: true };
  }
  return { allowed: false, retryAfterMs: ((1 - bucket.tokens) * 1000) / limits.rate };
}
