// What the sweep report draws, from a sweep file or a calibration file alike: the throughput-latency
// curve (one point per load level), the latency budget and the knee under it.

import { kneeOf } from '../../harness/sweep/knee.ts';
import type { CalibrationFile, SweepFile } from '../../harness/results/sweepResults.ts';

export interface CurvePoint {
  readonly level: number;
  readonly throughput: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  /** Sweeps only: errors / sent, windows measured and whether they settled. */
  readonly errorRate?: number | null;
  readonly windows?: number;
  readonly stable?: boolean;
  /** Whether the sweep judged the level sustainable; absent in older files. */
  readonly sustainable?: boolean | undefined;
}

export interface LatencyCurve {
  /** What the level is: connections (closed loop) or req/s (open loop). */
  readonly levelUnit: 'connections' | 'req/s' | 'level';
  readonly p99BudgetMs: number;
  readonly points: readonly CurvePoint[];
  /** The level of the knee (the highest sustainable level); undefined when none was. */
  readonly kneeLevel: number | undefined;
}

export function curveOfSweep(sweep: SweepFile): LatencyCurve {
  return {
    levelUnit: sweep.mode === 'concurrency' ? 'connections' : 'req/s',
    p99BudgetMs: sweep.p99BudgetMs,
    points: sweep.points.map(({ level, throughput, p50, p95, p99, errorRate, windows, stable, sustainable }) => ({ level, throughput, p50, p95, p99, errorRate, windows, stable, sustainable })),
    kneeLevel: sweep.knee?.level,
  };
}

/** A calibration keeps the curve but not the sweep's mode; its knee is found again under its budget, as the sweep found it. */
export function curveOfCalibration(calibration: CalibrationFile): LatencyCurve {
  return {
    levelUnit: 'level',
    p99BudgetMs: calibration.p99BudgetMs,
    points: calibration.curve,
    kneeLevel: kneeOf(calibration.curve, calibration.p99BudgetMs)?.level,
  };
}

export const curvePercentiles = ['p50', 'p95', 'p99'] as const;

/** Rows `{ level, throughput, percentile, ms }`: one line per percentile; levels without that latency are left out. */
export function curveRows(curve: LatencyCurve) {
  return curvePercentiles.flatMap((percentile) =>
    curve.points.flatMap((point) => (point[percentile] === null ? [] : [{ level: point.level, throughput: point.throughput, percentile, ms: point[percentile] }])),
  );
}

/** Rows `{ level, throughput, p99, withinBudget, knee }`: one per level, for the bars and the table. */
export function levelRows(curve: LatencyCurve) {
  return curve.points.map((point) => ({
    level: point.level,
    throughput: point.throughput,
    p99: point.p99,
    withinBudget: point.p99 !== null && point.p99 <= curve.p99BudgetMs,
    knee: point.level === curve.kneeLevel,
  }));
}
