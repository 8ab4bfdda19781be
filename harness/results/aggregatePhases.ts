// The overall statistics of a run: phases taken together exactly, from their counts and their decoded
// histograms (never by averaging percentiles, which is wrong).

import { addEncodedHistograms } from '../stats/latencyHistogram.ts';
import { aggregateModelStats, tallyFigures } from '../stats/modelStats.ts';
import type { AggregateStats, ErrorCounts, PhaseStats, RequestCounts } from '../stats/phaseStats.ts';
import { addCounts, addErrorCounts, emptyCounts, roundToMicros } from '../stats/requestCounts.ts';

export interface AggregateOptions {
  /** Include warm-up phases (default false: thresholds and the overall figures ignore them). */
  readonly includeWarmup?: boolean;
}

/**
 * Aggregates `phases`. Rates are over the summed schedule windows of the phases that carried traffic:
 * a pause (a phase with no request at all) adds no time, nor does a drain, or either would dilute the
 * rates. `durationMs` and `drainMs` sum the same phases' wall time and drains.
 */
export function aggregatePhases(phases: readonly PhaseStats[], { includeWarmup = false }: AggregateOptions = {}): AggregateStats {
  const included = phases.filter((phase) => includeWarmup || !phase.warmup);
  let counts: RequestCounts = emptyCounts();
  let errors: ErrorCounts = {};
  let durationMs = 0;
  let windowMs = 0;
  let drainMs = 0;
  for (const phase of included) {
    counts = addCounts(counts, phase.counts);
    errors = addErrorCounts(errors, phase.errors);
    if (phase.counts.sent + phase.counts.dropped > 0) {
      durationMs += phase.durationMs;
      windowMs += phase.windowMs;
      drainMs += phase.drainMs;
    }
  }
  durationMs = roundToMicros(durationMs);
  windowMs = roundToMicros(windowMs);
  drainMs = roundToMicros(drainMs);
  const latency = addEncodedHistograms(included.map((phase) => phase.histogram));
  const models = aggregateModelStats(included.map((phase) => phase.models), windowMs);
  return {
    phases: included.map((phase) => phase.name),
    durationMs,
    windowMs,
    drainMs,
    ...tallyFigures(counts, errors, latency, windowMs),
    ...(models === undefined ? {} : { models }),
  };
}
