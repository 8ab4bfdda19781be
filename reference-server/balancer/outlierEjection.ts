// Passive outlier ejection (Envoy's consecutive-5xx detector): a replica whose requests fail to connect
// or answer 5xx several times in a row is taken out of rotation for a back-off period.

/** When to eject and for how long. */
export interface EjectionPolicy {
  /** Consecutive failures (connection errors or 5xx) that eject a replica. */
  readonly consecutiveFailures: number;
  /** The first ejection lasts this long; the n-th lasts n times as long, up to `maxEjectionMs` (as Envoy). */
  readonly baseEjectionMs: number;
  readonly maxEjectionMs: number;
}

export const defaultEjectionPolicy: EjectionPolicy = { consecutiveFailures: 3, baseEjectionMs: 1_000, maxEjectionMs: 30_000 };

/** A replica's record as the detector sees it. */
export interface OutlierState {
  readonly consecutiveFailures: number;
  /** Ejected while the clock is before this; 0 when never ejected. */
  readonly ejectedUntilMs: number;
  /** Ejections so far, which lengthen the next one. */
  readonly ejections: number;
}

export const initialOutlierState: OutlierState = { consecutiveFailures: 0, ejectedUntilMs: 0, ejections: 0 };

export function isEjected(state: OutlierState, nowMs: number): boolean {
  return nowMs < state.ejectedUntilMs;
}

/**
 * Folds one request's outcome into the record. A success resets the run of failures; the failure that
 * completes a run ejects the replica from `nowMs` and starts a new run. Failures of requests that were
 * already in flight when the replica was ejected neither extend nor repeat the ejection.
 */
export function recordOutcome(state: OutlierState, failed: boolean, nowMs: number, policy: EjectionPolicy): OutlierState {
  if (!failed) return state.consecutiveFailures === 0 ? state : { ...state, consecutiveFailures: 0 };
  if (isEjected(state, nowMs)) return state;
  const consecutiveFailures = state.consecutiveFailures + 1;
  if (consecutiveFailures < policy.consecutiveFailures) return { ...state, consecutiveFailures };
  const ejections = state.ejections + 1;
  const durationMs = Math.min(policy.baseEjectionMs * ejections, policy.maxEjectionMs);
  return { consecutiveFailures: 0, ejectedUntilMs: nowMs + durationMs, ejections };
}
