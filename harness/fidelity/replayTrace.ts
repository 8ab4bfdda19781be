// Replays the window for real: the replay phase (trace driver, open loop, latency from each intended send)
// against the fleet's inference URL, after a short warm-up at the replay's mean rate. Besides the phase's
// statistics, a ServedRecorder on the phase's own clock counts what the comparison reads.

import { traceSendTimes } from '../drive/drivers/traceDriver.ts';
import { runPhase } from '../run/runPhase.ts';
import type { TracePhase } from '../scenario/scenarioSchema.ts';
import type { PhaseStats } from '../stats/phaseStats.ts';
import { ServedRecorder } from './servedRecorder.ts';

export interface ReplayTarget {
  readonly inferUrl: string;
  readonly nextBody: () => string | Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

export interface ReplayOutcome {
  readonly stats: PhaseStats;
  readonly served: ServedRecorder;
}

export interface ReplayOptions {
  readonly timeoutMs: number;
  /** A warm-up before the replay (ms; 0: none), open loop at the replay's mean rate, not recorded. */
  readonly warmupMs: number;
  readonly signal?: AbortSignal;
}

export async function replayTrace(phase: TracePhase, target: ReplayTarget, options: ReplayOptions): Promise<ReplayOutcome> {
  const context = { url: target.inferUrl, nextBody: target.nextBody, headers: target.headers, timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  if (options.warmupMs > 0) {
    const mean = Math.max(1, traceSendTimes(phase).length / (phase.duration / 1000));
    await runPhase({ name: 'warmup', kind: 'open', rate: mean, arrivals: 'poisson', duration: options.warmupMs, warmup: true }, { ...context, seed: phase.seed + 1 });
  }
  // runPhase starts its recorder's clock just before onStart: the same origin for its intervals and these counts.
  let served = new ServedRecorder(performance.now());
  const stats = await runPhase(phase, {
    ...context,
    seed: phase.seed,
    onStart: () => {
      served = new ServedRecorder(performance.now());
    },
    onOutcome: (outcome) => served.record(outcome),
  });
  return { stats, served };
}
