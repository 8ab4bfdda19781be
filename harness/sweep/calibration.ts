// The calibration of one replica that the autoscaler simulator reads: its service-time distribution
// (latency at the lowest load level, where requests barely queue) and its maximum sustainable throughput
// (the knee of the sweep under the latency budget), for the model, version and server settings swept.

import type { SweepResult } from './runSweep.ts';

export interface Calibration {
  readonly version: 1;
  readonly tool: 'infercap';
  readonly kind: 'calibration';
  readonly model: string;
  readonly modelVersion?: string;
  /** The reference server's settings (batching, batch size, queue delay, instances, cache), when known. */
  readonly serverOptions?: unknown;
  readonly measuredAt: string;
  readonly p99BudgetMs: number;
  /** Per replica: successful responses per second at the knee (the highest sustainable level); null when none was. */
  readonly maxSustainableThroughput: number | null;
  /** Per replica: the most throughput any level gave, budget or not. */
  readonly peakThroughput: number;
  /** At the lowest level of the sweep; `histogram` is the encoded HDR histogram (µs) for exact resampling. */
  readonly serviceTimeMs: {
    readonly level: number;
    readonly mean: number | null;
    readonly p50: number | null;
    readonly p90: number | null;
    readonly p95: number | null;
    readonly p99: number | null;
    readonly histogram: string;
  };
  readonly curve: readonly { readonly level: number; readonly throughput: number; readonly p50: number | null; readonly p95: number | null; readonly p99: number | null; readonly sustainable?: boolean }[];
}

export function calibrationOf(sweep: SweepResult): Calibration {
  const lowest = sweep.points[0];
  if (lowest === undefined) throw new RangeError('a sweep without points cannot calibrate anything');
  const latency = lowest.stats.latency;
  return {
    version: 1,
    tool: 'infercap',
    kind: 'calibration',
    model: sweep.workload.model,
    ...(sweep.workload.version === undefined ? {} : { modelVersion: sweep.workload.version }),
    ...(sweep.target.options === undefined ? {} : { serverOptions: sweep.target.options }),
    measuredAt: sweep.startedAt,
    p99BudgetMs: sweep.p99BudgetMs,
    maxSustainableThroughput: sweep.knee?.throughput ?? null,
    peakThroughput: Math.max(...sweep.points.map((point) => point.throughput)),
    serviceTimeMs: { level: lowest.level, mean: latency.mean, p50: latency.p50, p90: latency.p90, p95: latency.p95, p99: latency.p99, histogram: lowest.stats.histogram },
    curve: sweep.points.map(({ level, throughput, p50, p95, p99, sustainable }) => ({ level, throughput, p50, p95, p99, sustainable })),
  };
}
