// The regression gate: does the current run show a real latency or throughput regression against a
// baseline run, rather than the noise of a busy CI machine?
//
// Method. Each run is cut into its 1-second intervals (the `series` of its non-warm-up phases that
// carried traffic; whole seconds inside the phase only, since a partial last second or the stragglers
// after the end measure something else). For each statistic — the p50, p95 and p99 of each second's
// latency histogram (seconds without a latency sample are left out) and each second's throughput —
// a run's value is the median over its seconds: one slow second (a GC pause, a noisy neighbour) moves
// a median little. The change is the ratio current / baseline of those medians, with a two-sample
// bootstrap percentile confidence interval (default 95 %, 2,000 resamples, seeded, so the verdict is
// the same for the same files): seconds are resampled with replacement independently in each run, and
// within each phase so a resample keeps the run's mix of phases. A statistic REGRESSED, and the gate
// fails, only when the regression is both
//   - significant: the whole interval lies on the worse side of 1 (latency: low > 1; throughput: high < 1), and
//   - beyond the margin, with the same confidence: latency low > 1 + maxRegression, throughput
//     high < 1 − maxRegression (default 10 %).
// Requiring the interval's bound, not the point estimate, past the margin is what keeps the gate quiet
// on noise: a real 30 % slowdown clears it, two runs of one build or a 5 % slowdown do not. The price
// is that a regression just above the margin in a short, noisy run may pass; lengthen the run to see it.
// Seconds are treated as independent; slow spells spanning several seconds narrow the interval
// somewhat, which the margin absorbs. Both runs must have the same non-warm-up phases (by name, in
// order). A current run with fewer than `minIntervals` usable seconds for a statistic (none at all when
// every request failed) fails that statistic; a baseline that short is a usage error (exit code 2).
// In open-loop phases throughput follows the arrival rate until the target saturates, so a throughput
// regression shows in closed-loop phases, or as failed requests, which do not count as throughput.

import type { RunResults } from '../results/runResults.ts';
import type { IntervalStats, PhaseStats } from '../stats/phaseStats.ts';
import { bootstrapMedianRatio, pooled, pooledMedian, type Strata } from './bootstrapRatio.ts';
import { formatChange, formatMs, formatPercent, formatRate } from './figureFormat.ts';
import { gateBaselineUnusable, gatePhaseMismatch, gateTooFewIntervals, invalidOption } from '../../common/errors.ts';

export interface RegressionGateOptions {
  /** Allowed regression as a fraction (0.1 = 10 %), ≥ 0. */
  readonly maxRegression?: number;
  /** Two-sided confidence level of the bootstrap interval, in (0, 1). */
  readonly confidence?: number;
  /** Bootstrap resamples, an integer ≥ 100. */
  readonly resamples?: number;
  /** Seed of the bootstrap's generator: same inputs and seed, same verdict. */
  readonly seed?: number;
  /** Fewest usable 1-second intervals a run must have for a statistic, an integer ≥ 2. */
  readonly minIntervals?: number;
}

/** The gate's defaults, in one place. */
export const regressionGateDefaults = {
  maxRegression: 0.1,
  confidence: 0.95,
  resamples: 2000,
  seed: 0x1c0ffee,
  minIntervals: 5,
} as const satisfies Required<RegressionGateOptions>;

export type GateStatisticName = 'p50' | 'p95' | 'p99' | 'throughput';

/** The verdict on one statistic. Values are medians over 1-second intervals (ms, or req/s). */
export interface GateStatistic {
  readonly name: GateStatisticName;
  /** Which way is worse: higher latency, lower throughput. */
  readonly worse: 'higher' | 'lower';
  readonly baseline: number;
  /** null when the current run has no usable interval. */
  readonly current: number | null;
  /** current / baseline, and its confidence interval; null when the current run has too few intervals. */
  readonly ratio: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** The interval lies wholly on the worse side of 1. */
  readonly significant: boolean;
  /** The interval lies wholly beyond the margin on the worse side. */
  readonly exceedsMargin: boolean;
  /** Fails the gate: significant and beyond the margin, or not measurable in the current run. */
  readonly regressed: boolean;
  /** Usable 1-second intervals in each run. */
  readonly intervals: { readonly baseline: number; readonly current: number };
  /** Why the statistic regressed without a comparison (too few intervals in the current run). */
  readonly reason?: string;
}

/** The gate's verdict: per statistic, overall, and as lines for a terminal or a CI log. */
export interface GateVerdict {
  readonly passed: boolean;
  readonly maxRegression: number;
  readonly confidence: number;
  readonly statistics: readonly GateStatistic[];
  readonly lines: readonly string[];
}

interface StatisticSpec {
  readonly name: GateStatisticName;
  readonly worse: 'higher' | 'lower';
  readonly valueOf: (interval: IntervalStats) => number | null;
  readonly format: (value: number) => string;
}

const specs: readonly StatisticSpec[] = [
  { name: 'p50', worse: 'higher', valueOf: (i) => i.latency.p50, format: formatMs },
  { name: 'p95', worse: 'higher', valueOf: (i) => i.latency.p95, format: formatMs },
  { name: 'p99', worse: 'higher', valueOf: (i) => i.latency.p99, format: formatMs },
  { name: 'throughput', worse: 'lower', valueOf: (i) => i.throughput, format: formatRate },
];

/**
 * Compares `current` with `baseline` (see the method above). Throws an InfercapError with exit code 2
 * when the options are invalid or the runs cannot be compared: different non-warm-up phases, or a
 * baseline too short or too broken to judge by. A current run too short or too broken fails the gate.
 */
export function regressionGate(baseline: RunResults, current: RunResults, options: RegressionGateOptions = {}): GateVerdict {
  const settings = { ...regressionGateDefaults, ...options };
  checkOptions(settings);
  const basePhases = gatedPhases(baseline);
  const currentPhases = gatedPhases(current);
  const names = (phases: readonly PhaseStats[]) => phases.map((phase) => phase.name);
  if (names(basePhases).join('\n') !== names(currentPhases).join('\n')) {
    throw gatePhaseMismatch(names(basePhases), names(currentPhases));
  }

  const statistics = specs.map((spec, index) =>
    judge(spec, strataOf(basePhases, spec), strataOf(currentPhases, spec), { ...settings, seed: settings.seed + index }),
  );
  const passed = statistics.every((s) => !s.regressed);
  const margin = formatPercent(settings.maxRegression);
  const regressed = statistics.filter((s) => s.regressed).map((s) => s.name);
  const method = `bootstrap ${formatPercent(settings.confidence)} CI of medians over 1-s intervals`;
  const lines = [
    passed
      ? `Regression gate passed: no regression beyond the ${margin} margin (${method})`
      : `Regression gate FAILED on ${regressed.join(', ')} (margin ${margin}; ${method})`,
    ...statistics.map((s, i) => lineOf(s, specs[i]!, settings.maxRegression, settings.confidence)),
    ...(baseline.complete ? [] : ['note: the baseline run did not complete; its figures cover only part of it']),
    ...(current.complete ? [] : ['note: the current run did not complete; its figures cover only part of it']),
  ];
  return { passed, maxRegression: settings.maxRegression, confidence: settings.confidence, statistics, lines };
}

/** Non-warm-up phases that carried traffic (a pause would add seconds of zero throughput). */
function gatedPhases(run: RunResults): PhaseStats[] {
  return run.phases.filter((phase) => !phase.warmup && phase.counts.sent + phase.counts.dropped > 0);
}

/** One stratum per phase: the statistic's value in each whole second of the phase that has one. */
function strataOf(phases: readonly PhaseStats[], spec: StatisticSpec): Strata {
  return phases.map((phase) => {
    const wholeSeconds = Math.floor(phase.durationMs / 1000);
    const values: number[] = [];
    for (const interval of phase.series) {
      if (interval.t >= wholeSeconds) continue;
      // A second without a latency sample has null percentiles: it says nothing about latency.
      const value = spec.valueOf(interval);
      if (value !== null) values.push(value);
    }
    return values;
  });
}

function judge(spec: StatisticSpec, baseline: Strata, current: Strata, settings: Required<RegressionGateOptions>): GateStatistic {
  const intervals = { baseline: pooled(baseline).length, current: pooled(current).length };
  if (intervals.baseline < settings.minIntervals) throw gateTooFewIntervals(spec.name, intervals.baseline, settings.minIntervals);
  const base = pooledMedian(baseline);
  if (base === 0) throw gateBaselineUnusable(spec.name, `the median over 1-second intervals is ${spec.format(0)}`);
  const { name, worse } = spec;

  if (intervals.current < settings.minIntervals) {
    const found = intervals.current;
    return {
      name,
      worse,
      baseline: base,
      current: found === 0 ? null : pooledMedian(current),
      ratio: null,
      ciLow: null,
      ciHigh: null,
      significant: false,
      exceedsMargin: false,
      regressed: true,
      intervals,
      reason: `the current run has ${found} usable 1-second interval${found === 1 ? '' : 's'}, the gate needs at least ${settings.minIntervals}`,
    };
  }
  const { ratio, low, high } = bootstrapMedianRatio(baseline, current, settings);
  const significant = worse === 'higher' ? low > 1 : high < 1;
  const exceedsMargin = worse === 'higher' ? low > 1 + settings.maxRegression : high < 1 - settings.maxRegression;
  return {
    name,
    worse,
    baseline: base,
    current: pooledMedian(current),
    ratio,
    ciLow: low,
    ciHigh: high,
    significant,
    exceedsMargin,
    regressed: significant && exceedsMargin,
    intervals,
  };
}

/** One line per statistic: `p95: 12.35 ms → 16.05 ms, +30.0% (95% CI +27.1% … +33.4%): regression beyond the 10% margin`. */
function lineOf(s: GateStatistic, spec: StatisticSpec, maxRegression: number, confidence: number): string {
  const values = `${spec.format(s.baseline)} → ${s.current === null ? 'no data' : spec.format(s.current)}`;
  if (s.ratio === null || s.ciLow === null || s.ciHigh === null) return `${s.name}: ${values}: ${findingOf(s, maxRegression)}`;
  const ci = `${formatPercent(confidence)} CI ${formatChange(s.ciLow)} … ${formatChange(s.ciHigh)}`;
  return `${s.name}: ${values}, ${formatChange(s.ratio)} (${ci}): ${findingOf(s, maxRegression)}`;
}

/** What the gate concluded about one statistic, in words (`regression beyond the 10% margin`, `no significant change`, ...). */
export function findingOf(s: GateStatistic, maxRegression: number): string {
  const margin = `the ${formatPercent(maxRegression)} margin`;
  if (s.ciLow === null || s.ciHigh === null) return s.reason ?? 'not measured';
  if (s.regressed) return `regression beyond ${margin}`;
  if (s.significant) return `significant regression, within ${margin}`;
  const better = s.worse === 'higher' ? s.ciHigh < 1 : s.ciLow > 1;
  return better ? 'significant improvement' : 'no significant change';
}

function checkOptions(o: Required<RegressionGateOptions>): void {
  if (!(Number.isFinite(o.maxRegression) && o.maxRegression >= 0)) {
    throw invalidOption('--max-regression', `must be a percentage ≥ 0, e.g. 10%; got ${formatPercent(o.maxRegression)}`);
  }
  if (!(o.confidence > 0 && o.confidence < 1)) throw invalidOption('confidence', `must be within (0, 1), got ${o.confidence}`);
  if (!(Number.isInteger(o.resamples) && o.resamples >= 100)) throw invalidOption('resamples', `must be an integer ≥ 100, got ${o.resamples}`);
  if (!Number.isSafeInteger(o.seed)) throw invalidOption('seed', `must be an integer, got ${o.seed}`);
  if (!(Number.isInteger(o.minIntervals) && o.minIntervals >= 2)) {
    throw invalidOption('minIntervals', `must be an integer ≥ 2, got ${o.minIntervals}`);
  }
}
