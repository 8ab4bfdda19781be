// The `trace` phase kind: a trace's arrivals (per-second counts spread constant or Poisson, or an arrival
// log as logged) become intended send times fixed in advance, sent by the one open-loop driver, so latency
// counts from the intended send and a target or machine that cannot keep up shows as delayed or dropped.

import path from 'node:path';
import type { TracePhase } from '../../scenario/scenarioSchema.ts';
import { phaseTrace } from '../../scenario/traceSource.ts';
import { requestOptionsOf, type LoadDriver } from '../loadDriver.ts';
import { runOpenLoop } from '../openLoopDriver.ts';
import { sendsPerSecond, shardSchedule, traceSchedule } from '../traceSchedule.ts';

/** Poisson by default: a replay stands for production traffic, whose arrivals within a second are not evenly spaced. */
export const traceArrivalsDefault = 'poisson';

// Built once per phase: the progress line asks for the target rate every second.
const sendTimes = new WeakMap<TracePhase, Float64Array>();

/** This phase's intended send times in ms (this shard's part of them under `--shard`). */
export function traceSendTimes(phase: TracePhase): Float64Array {
  let times = sendTimes.get(phase);
  if (times === undefined) {
    const schedule = traceSchedule(phaseTrace(phase), phase.arrivals ?? traceArrivalsDefault, phase.seed);
    times = phase.shard === undefined ? schedule : shardSchedule(schedule, phase.shard, phase.seed);
    sendTimes.set(phase, times);
  }
  return times;
}

export const traceDriver: LoadDriver<TracePhase> = {
  async drive(phase, context) {
    const schedule = traceSendTimes(phase);
    const result = await runOpenLoop({
      ...requestOptionsOf(context),
      schedule,
      durationMs: phase.duration,
    });
    // The window is the trace's whole length, quiet seconds included: the target rate is the trace's count
    // over its length, and so is the achieved rate. A phase ended early stops at its last intended send.
    const complete = result.scheduled === schedule.length;
    const endMs = complete ? result.startMs + phase.duration : (result.lastIntendedMs ?? result.startMs);
    return { startMs: result.startMs, endMs, targetPerSecond: sendsPerSecond(schedule, phase.duration) };
  },
  targetRate: (phase) => traceSendTimes(phase).length / (phase.duration / 1000),
  // Every shard deals the same full schedule the same way and keeps its own part (traceSchedule.ts).
  shard: (phase, shard) => ({ ...phase, shard: { index: shard.index, count: shard.count } }),
  describeLoad: (phase) => `trace ${path.basename(phase.trace)}, mean ${traceDriver.targetRate(phase)!.toFixed(1)}/s`,
};
