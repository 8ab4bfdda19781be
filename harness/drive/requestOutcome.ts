// What a load driver reports for every request it was meant to send, and the window its load spanned:
// the contract between the drivers (open loop, closed loop) and the statistics that record them.

/** Why a request did not get a successful answer. */
export type FailureKind = 'timeout' | 'connection' | 'status';

export interface RequestOutcome {
  /**
   * When the request should have been sent, in ms on the run's monotonic clock (performance.now()).
   * Open loop: fixed in advance by the schedule; closed loop: equal to `sentMs`.
   * Latency is measured from here (wrk2's rule), so a stalled server shows in the tail.
   */
  readonly intendedMs: number;
  /** When it was actually handed to the socket; undefined if it was never sent (dropped, or expired waiting for a connection). */
  readonly sentMs?: number;
  /** When the whole response had arrived (or the failure, a timeout included, was known); undefined if dropped. */
  readonly doneMs?: number;
  /** HTTP status when a response arrived. */
  readonly status?: number;
  /** Set when the request failed: a non-2xx status, a timeout, or a connection error. */
  readonly failure?: FailureKind;
  /**
   * True when it was never sent: it came due with every connection busy and the backlog full (k6's
   * dropped_iterations). The statistics count it as an error of kind `dropped`.
   */
  readonly dropped?: boolean;
  /** Response header X-Infercap-Cache, when the target sent one. */
  readonly cache?: 'hit' | 'miss';
  /** A mix of models: the index of the model (its route) the request was for; undefined for one model. */
  readonly model?: number;
}

/** Receives outcomes as they happen, in completion order. */
export type OutcomeSink = (outcome: RequestOutcome) => void;

/**
 * The schedule window of a phase, on the same clock: the time its load was applied and the denominator
 * of its rates. Open loop: the first intended send to the last intended send plus one interval; closed
 * loop: the start until new requests stopped. Whatever completes after `endMs` is the drain.
 */
export interface ScheduleWindow {
  readonly startMs: number;
  readonly endMs: number;
}
