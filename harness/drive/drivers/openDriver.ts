// The `open` phase kind: arrivals on a schedule fixed in advance (constant or Poisson, optionally ramping),
// sent by the open-loop driver whatever the target does.

import type { Phase } from '../../scenario/scenarioSchema.ts';
import { arrivalSchedule } from '../arrivalSchedule.ts';
import { requestOptionsOf, type LoadDriver } from '../loadDriver.ts';
import { runOpenLoop } from '../openLoopDriver.ts';

type OpenPhase = Extract<Phase, { kind: 'open' }>;

/** Mean arrival rate of an open-loop phase (the middle of a linear ramp). */
export function meanRate(phase: OpenPhase): number {
  return phase.rampTo === undefined ? phase.rate : (phase.rate + phase.rampTo) / 2;
}

/** The arrival rate at `offsetMs` into the phase, req/s. */
function rateAt(phase: OpenPhase, offsetMs: number): number {
  return phase.rate + ((phase.rampTo ?? phase.rate) - phase.rate) * (offsetMs / phase.duration);
}

export const openDriver: LoadDriver<OpenPhase> = {
  async drive(phase, context) {
    const schedule = arrivalSchedule({ rate: phase.rate, ...(phase.rampTo === undefined ? {} : { rampTo: phase.rampTo }), durationMs: phase.duration, arrivals: phase.arrivals, seed: context.seed });
    const result = await runOpenLoop({
      ...requestOptionsOf(context),
      schedule,
      durationMs: phase.duration,
    });
    const { firstIntendedMs: first, lastIntendedMs: last } = result;
    if (first === undefined || last === undefined) return { startMs: result.startMs, endMs: result.startMs };
    // N sends at rate r span N/r: the last send's own interval (1 / the rate at that moment) closes the window.
    const rate = rateAt(phase, last - result.startMs);
    const interval = rate > 0 ? 1000 / rate : result.startMs + phase.duration - last;
    return { startMs: first, endMs: last + interval };
  },
  targetRate: meanRate,
  shard: (phase, shard) => ({ ...phase, rate: phase.rate / shard.count, ...(phase.rampTo === undefined ? {} : { rampTo: phase.rampTo / shard.count }) }),
  describeLoad: (phase) => `target ${phase.rampTo === undefined ? phase.rate : `${phase.rate}→${phase.rampTo}`}/s`,
};
