// Runs one scenario phase with the driver its kind calls for and records every request's outcome.

import { arrivalSchedule } from '../drive/arrivalSchedule.ts';
import { runClosedLoop } from '../drive/closedLoopDriver.ts';
import { runOpenLoop } from '../drive/openLoopDriver.ts';
import type { Phase } from '../scenario/scenarioSchema.ts';
import type { PhaseStats } from '../stats/phaseStats.ts';
import { PhaseRecorder, type PhaseSnapshot } from '../stats/phaseRecorder.ts';

export interface PhaseContext {
  /** The inference URL every request is POSTed to. */
  readonly url: string;
  readonly nextBody: () => string | Buffer;
  readonly timeoutMs: number;
  /** Extra request headers, e.g. Authorization for a server that requires an API key. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Seed of Poisson arrivals (different per phase and shard, the same on every run). */
  readonly seed: number;
  /** Called about once a second with the live figures of the phase. */
  readonly onProgress?: (phase: Phase, snapshot: PhaseSnapshot) => void;
  /** Called as the phase starts with a function returning its statistics so far (for periodic partial results). */
  readonly onStart?: (statsSoFar: () => PhaseStats) => void;
  readonly signal?: AbortSignal;
}

/** Mean arrival rate of an open-loop phase (the middle of a linear ramp). */
export function meanRate(phase: Extract<Phase, { kind: 'open' }>): number {
  return phase.rampTo === undefined ? phase.rate : (phase.rate + phase.rampTo) / 2;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Runs `phase` to its end (or until aborted) and returns its statistics. */
export async function runPhase(phase: Phase, context: PhaseContext): Promise<PhaseStats> {
  const recorder = new PhaseRecorder({
    name: phase.name,
    kind: phase.kind,
    warmup: phase.kind === 'pause' ? false : phase.warmup,
    ...(phase.kind === 'open' ? { targetRate: meanRate(phase) } : {}),
    startMs: performance.now(),
  });
  context.onStart?.(() => recorder.finish(performance.now()));
  const progress = setInterval(() => context.onProgress?.(phase, recorder.snapshot(performance.now())), 1000);
  const onOutcome = (outcome: Parameters<PhaseRecorder['record']>[0]) => recorder.record(outcome);
  const common = { url: context.url, durationMs: phase.duration, nextBody: context.nextBody, timeoutMs: context.timeoutMs, onOutcome, ...(context.headers ? { headers: context.headers } : {}), ...(context.signal ? { signal: context.signal } : {}) };
  try {
    if (phase.kind === 'open') {
      const schedule = arrivalSchedule({ rate: phase.rate, ...(phase.rampTo === undefined ? {} : { rampTo: phase.rampTo }), durationMs: phase.duration, arrivals: phase.arrivals, seed: context.seed });
      await runOpenLoop({ ...common, schedule });
    } else if (phase.kind === 'closed') {
      await runClosedLoop({ ...common, connections: phase.connections });
    } else {
      await sleep(phase.duration, context.signal);
    }
  } finally {
    clearInterval(progress);
  }
  return recorder.finish(performance.now());
}
