// The calibration of one replica that the autoscaler simulator reads: its service-time distribution
// (latency at the lowest load level, where requests barely queue) and its maximum sustainable throughput
// (the knee of the sweep under the latency budget), for the model, version and server settings swept.

import { envelopeOf } from '../results/resultsEnvelope.ts';
import { calibrationSchemaVersion, type Calibration } from '../results/sweepResults.ts';
import type { SweepResult } from './runSweep.ts';

export type { Calibration } from '../results/sweepResults.ts';

export function calibrationOf(sweep: SweepResult): Calibration {
  const lowest = sweep.points[0];
  if (lowest === undefined) throw new RangeError('a sweep without points cannot calibrate anything');
  const latency = lowest.stats.latency;
  return {
    ...envelopeOf('calibration', calibrationSchemaVersion),
    model: sweep.workload.model,
    ...modelVersionOf(sweep),
    ...(sweep.target.options === undefined ? {} : { serverOptions: sweep.target.options }),
    measuredAt: sweep.startedAt,
    p99BudgetMs: sweep.p99BudgetMs,
    maxSustainableThroughput: sweep.knee?.throughput ?? null,
    peakThroughput: Math.max(...sweep.points.map((point) => point.throughput)),
    serviceTimeMs: { level: lowest.level, mean: latency.mean, p50: latency.p50, p90: latency.p90, p95: latency.p95, p99: latency.p99, histogram: lowest.stats.histogram },
    curve: sweep.points.map(({ level, throughput, p50, p95, p99, sustainable }) => ({ level, throughput, p50, p95, p99, sustainable })),
  };
}

/** The version measured: the one asked for, else the one the server said it served; absent when neither is known. */
function modelVersionOf(sweep: SweepResult): { modelVersion?: string } {
  const version = sweep.workload.version ?? sweep.target.resolved?.version ?? null;
  return version === null ? {} : { modelVersion: version };
}
