// The `pause` phase kind: no traffic for the phase's duration (queues drain, caches expire).

import type { Phase } from '../../scenario/scenarioSchema.ts';
import type { LoadDriver } from '../loadDriver.ts';

type PausePhase = Extract<Phase, { kind: 'pause' }>;

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

export const pauseDriver: LoadDriver<PausePhase> = {
  async drive(phase, context) {
    const startMs = performance.now();
    await sleep(phase.duration, context.signal);
    const endMs = performance.now();
    return { startMs, endMs };
  },
  targetRate: () => undefined,
  shard: (phase) => phase,
  describeLoad: () => '',
};
