// When the supervisor restarts a replica that died: exponential back-off over consecutive crashes, so a
// replica that cannot start does not spin, and a replica that ran stably starts over from the base delay.

export interface RestartPolicy {
  /** Delay before the first restart after a crash. */
  readonly baseDelayMs: number;
  /** The delay doubles with each consecutive crash up to this. */
  readonly maxDelayMs: number;
  /** A replica that stayed up this long before it died counts as a first crash again. */
  readonly stableAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = { baseDelayMs: 250, maxDelayMs: 15_000, stableAfterMs: 30_000 };

/**
 * The consecutive-crash count after a replica that had `previousCrashes` consecutive crashes died after
 * `uptimeMs` of running (0 when it never came up).
 */
export function crashesAfter(previousCrashes: number, uptimeMs: number, policy: RestartPolicy): number {
  return uptimeMs >= policy.stableAfterMs ? 1 : previousCrashes + 1;
}

/** Delay before restarting after the `crashes`-th consecutive crash (1, 2, …): base × 2^(crashes−1), capped. */
export function restartDelayMs(crashes: number, policy: RestartPolicy): number {
  if (crashes < 1) return 0;
  return Math.min(policy.baseDelayMs * 2 ** Math.min(crashes - 1, 30), policy.maxDelayMs);
}
