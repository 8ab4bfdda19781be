// Runs one scenario phase with the load driver its kind registers and records every request's outcome.

import { loadDriverOf } from '../drive/loadDriverRegistry.ts';
import { mixSeed, weightedChooser, type ModelRoutes } from '../drive/modelRoutes.ts';
import type { OutcomeSink } from '../drive/requestOutcome.ts';
import type { Phase } from '../scenario/scenarioSchema.ts';
import type { PhaseStats } from '../stats/phaseStats.ts';
import { PhaseRecorder, type PhaseSnapshot } from '../stats/phaseRecorder.ts';

export interface PhaseContext {
  /** The inference URL every request is POSTed to; with a mix, the origin of its routes. */
  readonly url: string;
  readonly nextBody: () => string | Buffer;
  /**
   * A mix of models: each request goes to a model picked by a weighted choice seeded from `seed` (the same
   * sequence on every run), and the statistics split by model.
   */
  readonly mix?: ModelRoutes;
  /** A request unanswered this long after its intended send time ends as a timeout. */
  readonly timeoutMs: number;
  /** Extra request headers, e.g. Authorization for a server that requires an API key. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Seed of Poisson arrivals (different per phase and shard, the same on every run). */
  readonly seed: number;
  /** Called about once a second with the live figures of the phase. */
  readonly onProgress?: (phase: Phase, snapshot: PhaseSnapshot) => void;
  /** Called as the phase starts with a function returning its statistics so far (for periodic partial results). */
  readonly onStart?: (statsSoFar: () => PhaseStats) => void;
  /** Also receives every outcome, after the phase's recorder (a sweep's measurement windows). */
  readonly onOutcome?: OutcomeSink;
  readonly signal?: AbortSignal;
  /** Ends the phase before its duration: no new request, the ones in flight complete. */
  readonly endSignal?: AbortSignal;
}

/** Runs `phase` to its end (or until aborted) and returns its statistics, rates over its schedule window. */
export async function runPhase(phase: Phase, context: PhaseContext): Promise<PhaseStats> {
  const driver = loadDriverOf(phase);
  const targetRate = driver.targetRate(phase);
  const recorder = new PhaseRecorder({
    name: phase.name,
    kind: phase.kind,
    warmup: 'warmup' in phase && phase.warmup === true,
    ...(targetRate === undefined ? {} : { targetRate }),
    ...(context.mix === undefined ? {} : { models: context.mix.routes.map((route) => route.name) }),
    startMs: performance.now(),
  });
  context.onStart?.(() => recorder.finish(performance.now()));
  const progress = setInterval(() => context.onProgress?.(phase, recorder.snapshot(performance.now())), 1000);
  const tap = context.onOutcome;
  const onOutcome: OutcomeSink = tap === undefined ? (outcome) => recorder.record(outcome) : (outcome) => (recorder.record(outcome), tap(outcome));
  try {
    const { targetPerSecond, ...window } = await driver.drive(phase, {
      url: context.url,
      nextBody: context.nextBody,
      ...(context.mix === undefined ? {} : { mix: { routes: context.mix.routes, pick: weightedChooser(context.mix.weights, mixSeed(context.seed)) } }),
      timeoutMs: context.timeoutMs,
      seed: context.seed,
      onOutcome,
      ...(context.headers ? { headers: context.headers } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      ...(context.endSignal ? { endSignal: context.endSignal } : {}),
    });
    return recorder.finish(performance.now(), window, targetPerSecond);
  } finally {
    clearInterval(progress);
  }
}
