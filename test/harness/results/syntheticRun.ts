// Synthetic outcomes and results for the results tests: deterministic, with every kind of outcome.

import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { aggregatePhases } from '../../../harness/results/aggregatePhases.ts';
import { envelopeOf, type Shard } from '../../../harness/results/resultsEnvelope.ts';
import { runSchemaVersion, type RunResults } from '../../../harness/results/runResults.ts';
import { type PhaseInfo, PhaseRecorder } from '../../../harness/stats/phaseRecorder.ts';
import type { PhaseStats } from '../../../harness/stats/phaseStats.ts';

/**
 * `count` outcomes due evenly over [startMs, startMs + durationMs), in completion order. Latencies run
 * from 0.1 ms to ~2 s (some finish after the phase); some fail (503, timeout, connection), some drop.
 */
export function syntheticOutcomes(count: number, startMs: number, durationMs: number): RequestOutcome[] {
  let state = 12345;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const outcomes = Array.from({ length: count }, (_, i): RequestOutcome => {
    const intendedMs = startMs + (i * durationMs) / count;
    const cache = i % 3 === 0 ? 'hit' : 'miss';
    if (i % 13 === 0) return { intendedMs, dropped: true };
    const latencyMs = i % 97 === 0 ? 1000 + random() * 1000 : 0.1 + random() ** 3 * 300;
    const sentMs = intendedMs + random();
    const doneMs = intendedMs + latencyMs;
    if (i % 29 === 0) return { intendedMs, sentMs, doneMs: intendedMs + 1000, failure: 'timeout' };
    if (i % 31 === 0) return { intendedMs, sentMs, doneMs: sentMs + 0.05, failure: 'connection' };
    if (i % 17 === 0) return { intendedMs, sentMs, doneMs, status: 503, failure: 'status', cache };
    return { intendedMs, sentMs, doneMs, status: 200, cache };
  });
  const completion = (o: RequestOutcome) => o.doneMs ?? o.intendedMs;
  return outcomes.sort((a, b) => completion(a) - completion(b));
}

/** Feeds `outcomes` to a fresh recorder for `info` and finishes it at `endMs`. */
export function recordPhase(info: PhaseInfo, outcomes: readonly RequestOutcome[], endMs: number): PhaseStats {
  const recorder = new PhaseRecorder(info);
  for (const outcome of outcomes) recorder.record(outcome);
  return recorder.finish(endMs);
}

/** A complete results object around `phases`. */
export function resultsOf(phases: PhaseStats[], shard?: Shard): RunResults {
  return {
    ...envelopeOf('run', runSchemaVersion, { now: new Date('2025-01-02T03:05:00.000Z'), ...(shard === undefined ? {} : { shard }) }),
    complete: true,
    scenario: { name: 'steady', target: { url: 'http://127.0.0.1:8000' }, phases: [] },
    target: { url: 'http://127.0.0.1:8000', kind: 'url', resolved: { model: 'mnist-mlp', version: null, rows: 1, replicas: null, batching: null, cache: null } },
    startedAt: '2025-01-02T03:04:05.678Z',
    durationMs: phases.reduce((sum, p) => sum + p.durationMs, 0),
    phases,
    overall: aggregatePhases(phases),
    thresholds: [],
  };
}
