// The totals of a set of request outcomes: counts, errors by kind and the latency histogram. A phase keeps
// one for all its requests and, for a mix of models, one per model, so both are counted by one rule.

import type { RequestOutcome } from '../drive/requestOutcome.ts';
import { LatencyHistogram } from './latencyHistogram.ts';
import type { ErrorCounts, RequestCounts } from './phaseStats.ts';
import { emptyCounts, sortedErrorCounts } from './requestCounts.ts';

/** What one outcome was, for the per-second series that place it in time. */
export type TalliedOutcome =
  | { readonly kind: 'dropped' }
  /** Sent, but abandoned in flight: no completion. */
  | { readonly kind: 'abandoned'; readonly failed: boolean }
  /** Completed at `doneMs`; `latencyMs` unless a connection error (which fails fast and is left out). */
  | { readonly kind: 'completed'; readonly failed: boolean; readonly latencyMs?: number };

/**
 * Latency is `doneMs − intendedMs` (wrk2's rule) for every request that got a response, whatever its
 * status, or timed out; connection errors are only counted, so a dead target cannot look fast. A dropped
 * request (never sent) is an error of kind `dropped`.
 */
export class OutcomeTally {
  readonly counts: RequestCounts = emptyCounts();
  readonly #errors: Record<string, number> = {};
  readonly latency = new LatencyHistogram();

  /** Counts one outcome and says what it was. */
  record(outcome: RequestOutcome): TalliedOutcome {
    const counts = this.counts;
    if (outcome.dropped === true) {
      counts.dropped++;
      counts.errors++;
      this.#errors['dropped'] = (this.#errors['dropped'] ?? 0) + 1;
      return { kind: 'dropped' };
    }
    counts.sent++;
    if (outcome.cache === 'hit') counts.cacheHits++;
    if (outcome.cache === 'miss') counts.cacheMisses++;
    const failure = outcome.failure;
    if (failure !== undefined) {
      counts.errors++;
      const kind = failure === 'status' && outcome.status !== undefined ? String(outcome.status) : failure;
      this.#errors[kind] = (this.#errors[kind] ?? 0) + 1;
    }
    // A request abandoned in flight has no completion: it counts as sent (and as an error if it is one).
    if (outcome.doneMs === undefined) return { kind: 'abandoned', failed: failure !== undefined };
    counts.completed++;
    if (failure === undefined) counts.ok++;
    if (failure === 'connection') return { kind: 'completed', failed: true };
    // A batch-ahead scheduler may send a hair early; an answer before its due time took no time from the schedule.
    const latencyMs = Math.max(0, outcome.doneMs - outcome.intendedMs);
    this.latency.record(latencyMs);
    return { kind: 'completed', failed: failure !== undefined, latencyMs };
  }

  /** Errors by kind, in a stable order. */
  errors(): ErrorCounts {
    return sortedErrorCounts(this.#errors);
  }
}
