// The regression gate's verdict as data: one zod schema that is also its TypeScript type, so the gate,
// `--json`, and the comparison results file that carries a verdict share one definition.

import { z } from 'zod';

export const gateStatisticNames = ['p50', 'p95', 'p99', 'p99.9', 'throughput', 'error rate', 'dropped share'] as const;
export type GateStatisticName = (typeof gateStatisticNames)[number];

const nullableNumber = z.number().nullable();

/** The verdict on one statistic. */
export const gateStatisticSchema = z.strictObject({
  name: z.enum(gateStatisticNames),
  /** Which way is worse: higher latency, error rate and dropped share; lower throughput. */
  worse: z.enum(['higher', 'lower']),
  /** How the change is measured: current / baseline, or current − baseline (shares). */
  change: z.enum(['ratio', 'difference']),
  /** The allowed change: a fraction of the baseline (ratio) or a share (difference). */
  margin: z.number().nonnegative(),
  /** false when the gate declined to judge (too few samples): it then neither passes nor fails the run. */
  judged: z.boolean(),
  /** The run's value (ms, req/s, or a share); null when nothing was measured. */
  baseline: nullableNumber,
  current: nullableNumber,
  /** The change and its confidence interval; null when not compared. */
  estimate: nullableNumber,
  ciLow: nullableNumber,
  ciHigh: nullableNumber,
  /** The interval lies wholly on the worse side of no change. */
  significant: z.boolean(),
  /** The interval lies wholly beyond the margin on the worse side. */
  exceedsMargin: z.boolean(),
  /** Fails the gate: significant and beyond the margin, or the current run too short to judge. */
  regressed: z.boolean(),
  /** What each run had to judge it by: latency samples (percentiles) or whole seconds (the others). */
  samples: z.strictObject({ baseline: z.number().int().nonnegative(), current: z.number().int().nonnegative() }),
  /** Why the statistic was not compared. */
  reason: z.string().optional(),
});
export type GateStatistic = Readonly<z.infer<typeof gateStatisticSchema>>;

/** The gate's verdict: per statistic, overall, and as lines for a terminal or a CI log. */
export const gateVerdictSchema = z.strictObject({
  passed: z.boolean(),
  maxRegression: z.number().nonnegative(),
  maxErrorIncrease: z.number().nonnegative(),
  confidence: z.number(),
  resamples: z.number().int(),
  /** Block length in seconds, per measured phase, in each run. */
  blockSeconds: z.strictObject({ baseline: z.array(z.number().int().positive()), current: z.array(z.number().int().positive()) }),
  statistics: z.array(gateStatisticSchema),
  /** The verdict, one line per statistic (in `statistics` order), then the method. */
  lines: z.array(z.string()),
});
export type GateVerdict = Readonly<z.infer<typeof gateVerdictSchema>>;
