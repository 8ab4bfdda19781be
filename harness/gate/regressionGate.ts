// The regression gate: does the current run show a real regression against a baseline run, rather than
// the noise of a busy CI machine?
//
// What is judged, over the non-warm-up phases that carried traffic, taken together:
//   - the run's own latency percentiles p50, p95, p99 and p99.9, read from its merged HdrHistograms
//     (what the results file reports), each only when both runs hold enough samples (ten beyond the
//     percentile: 20, 200, 1,000, 10,000); below that the gate declines to judge it and says so;
//   - throughput: successful responses per whole second inside the phases;
//   - error rate (errors / sent; a 503 is an error however fast it came back) and dropped share
//     (dropped / due): as differences in percentage points, since a ratio against 0 % means nothing.
// The change is current / baseline (percentiles, throughput) or current − baseline (shares), with a
// two-sample bootstrap percentile interval (95 %, 2,000 resamples, seeded: the same files always give
// the same verdict). A resample is a circular block bootstrap over 1-second intervals, stratified by
// phase: each phase keeps its number of seconds, drawn in blocks of consecutive seconds (see
// blockBootstrap.ts for the length), because seconds of a run are not independent; the statistics are
// then recomputed from the resampled seconds' histogram buckets and counts.
// A statistic REGRESSED, and the gate fails, only when its whole interval lies on the worse side both of
// no change (significant) and of the margin (default 10 % for ratios, 1 percentage point for shares).
// Requiring the bound, not the point estimate, past the margin keeps the gate quiet on noise.
// Runs must have the same measured phases, by name and definition (kind, rate, ramp, arrivals,
// connections, duration); otherwise the gate refuses (exit code 2). A current run with fewer than
// `minIntervals` whole seconds fails every statistic; a baseline that short is a usage error (exit 2).

import { createRng } from '../../common/prng.ts';
import { gateBaselineWithoutThroughput, gateConfidenceNotValid, gateTooFewIntervals, maxErrorIncreaseNotValid, maxRegressionNotValid, optionIntegerTooSmall, optionNotInteger } from '../../common/errors.ts';
import type { RunResults } from '../results/runResults.ts';
import { blockLengthOf, drawBlocks } from './blockBootstrap.ts';
import { formatChange, formatMs, formatPercent, formatPointChange, formatPoints, formatRate } from './figureFormat.ts';
import { figuresOf, gatedPercentiles, minSamplesFor, scratchFor, type RunFigures } from './gateStatistics.ts';
import type { GateStatistic, GateStatisticName, GateVerdict } from './gateVerdict.ts';
import { checkPhasesAlike, gatedPhases } from './phaseDefinitions.ts';
import { runSecondsOf, type RunSeconds } from './runSeconds.ts';

export type { GateStatistic, GateStatisticName, GateVerdict } from './gateVerdict.ts';

export interface RegressionGateOptions {
  /** Allowed regression of percentiles and throughput, as a fraction (0.1 = 10 %), ≥ 0. */
  readonly maxRegression?: number;
  /** Allowed increase of the error rate and the dropped share, as a share (0.01 = 1 percentage point), ≥ 0. */
  readonly maxErrorIncrease?: number;
  /** Two-sided confidence level of the bootstrap interval, in (0, 1). */
  readonly confidence?: number;
  /** Bootstrap resamples, an integer ≥ 100. */
  readonly resamples?: number;
  /** Seed of the bootstrap's generator: same inputs and seed, same verdict. */
  readonly seed?: number;
  /** Fewest whole 1-second intervals a run must have, an integer ≥ 2. */
  readonly minIntervals?: number;
}

/** The gate's defaults, in one place. */
export const regressionGateDefaults = {
  maxRegression: 0.1,
  maxErrorIncrease: 0.01,
  confidence: 0.95,
  resamples: 2000,
  seed: 0x1c0ffee,
  minIntervals: 5,
} as const satisfies Required<RegressionGateOptions>;

interface StatisticSpec {
  readonly name: GateStatisticName;
  readonly worse: 'higher' | 'lower';
  readonly change: 'ratio' | 'difference';
  readonly valueOf: (figures: RunFigures) => number | null;
  /** Latency samples each run needs; undefined for per-second statistics. */
  readonly minSamples?: number;
  readonly format: (value: number) => string;
}

const specs: readonly StatisticSpec[] = [
  ...gatedPercentiles.map(({ name, quantile }, i): StatisticSpec => ({
    name,
    worse: 'higher',
    change: 'ratio',
    valueOf: (f) => f.percentiles[i]!,
    minSamples: minSamplesFor(quantile),
    format: formatMs,
  })),
  { name: 'throughput', worse: 'lower', change: 'ratio', valueOf: (f) => f.throughput, format: formatRate },
  { name: 'error rate', worse: 'higher', change: 'difference', valueOf: (f) => f.errorRate, format: formatPercent },
  { name: 'dropped share', worse: 'higher', change: 'difference', valueOf: (f) => f.droppedShare, format: formatPercent },
];

/**
 * Compares `current` with `baseline` (see the method above). Throws an InfercapError with exit code 2
 * when the options are invalid or the runs cannot be compared: different measured phases, or a
 * baseline too short or too broken to judge by. A current run too short or too broken fails the gate.
 */
export function regressionGate(baseline: RunResults, current: RunResults, options: RegressionGateOptions = {}): GateVerdict {
  const settings = { ...regressionGateDefaults, ...options };
  checkOptions(settings);
  checkPhasesAlike(baseline, current);
  const base = runSecondsOf(gatedPhases(baseline));
  const cur = runSecondsOf(gatedPhases(current));
  if (base.wholeSeconds < settings.minIntervals) throw gateTooFewIntervals('throughput', base.wholeSeconds, settings.minIntervals);
  const baseFigures = figuresOf(base, unitWeights(base), scratchFor(base));
  if (!baseFigures.throughput) throw gateBaselineWithoutThroughput(formatRate(0));
  const curFigures = figuresOf(cur, unitWeights(cur), scratchFor(cur));
  const blockSeconds = { baseline: blockLengthsOf(base), current: blockLengthsOf(cur) };

  const tooShort = cur.wholeSeconds < settings.minIntervals;
  const changes = tooShort ? undefined : bootstrapChanges(base, cur, blockSeconds, settings);
  const statistics = specs.map((spec, i) => {
    const marginOf = spec.change === 'ratio' ? settings.maxRegression : settings.maxErrorIncrease;
    const common = {
      name: spec.name,
      worse: spec.worse,
      change: spec.change,
      margin: marginOf,
      baseline: spec.valueOf(baseFigures),
      current: spec.valueOf(curFigures),
      samples: spec.minSamples === undefined ? { baseline: base.wholeSeconds, current: cur.wholeSeconds } : { baseline: base.latencySamples, current: cur.latencySamples },
    };
    return judge(spec, common, tooShort ? tooShortReason(cur.wholeSeconds, settings.minIntervals) : undefined, changes?.[i] ?? [], settings.confidence);
  });
  const passed = statistics.every((s) => !s.regressed);
  const margins = `margins ${formatPercent(settings.maxRegression)} for latency and throughput, ${formatPoints(settings.maxErrorIncrease)} for error rate and dropped share`;
  const regressed = statistics.filter((s) => s.regressed).map((s) => s.name);
  const lines = [
    passed ? `Regression gate passed: no regression beyond the ${margins}` : `Regression gate FAILED on ${regressed.join(', ')} (${margins})`,
    ...statistics.map((s, i) => lineOf(s, specs[i]!, settings.confidence)),
    methodLine(settings, blockSeconds, gatedPhases(baseline).map((phase) => phase.name)),
    ...(baseline.complete ? [] : ['note: the baseline run did not complete; its figures cover only part of it']),
    ...(current.complete ? [] : ['note: the current run did not complete; its figures cover only part of it']),
  ];
  return {
    passed,
    maxRegression: settings.maxRegression,
    maxErrorIncrease: settings.maxErrorIncrease,
    confidence: settings.confidence,
    resamples: settings.resamples,
    blockSeconds,
    statistics,
    lines,
  };
}

const unitWeights = (run: RunSeconds): Float64Array[] => run.phases.map((phase) => new Float64Array(phase.seconds.length).fill(1));

/**
 * Per phase, the block length: the longer of what the autocorrelation of its per-second mean latency
 * and of its per-second successful responses asks for (a slow spell and a throughput dip both last).
 */
function blockLengthsOf(run: RunSeconds): number[] {
  return run.phases.map((phase) => {
    const means = phase.seconds.map((second) => {
      let sum = 0;
      let count = 0;
      for (let k = 0; k < second.bucketIndex.length; k++) {
        sum += run.values[second.bucketIndex[k]!]! * second.bucketCount[k]!;
        count += second.bucketCount[k]!;
      }
      return count === 0 ? null : sum / count;
    });
    const present = means.filter((m): m is number => m !== null);
    const fill = present.length === 0 ? 0 : present.reduce((a, b) => a + b, 0) / present.length;
    return Math.max(blockLengthOf(means.map((m) => m ?? fill)), blockLengthOf(phase.seconds.map((second) => second.ok)));
  });
}

/** Per statistic, the sorted bootstrap changes (ratio or difference) over the resamples where both runs had a value. */
function bootstrapChanges(base: RunSeconds, cur: RunSeconds, blockSeconds: GateVerdict['blockSeconds'], settings: Required<RegressionGateOptions>): number[][] {
  const rng = createRng(settings.seed);
  const baseWeights = unitWeights(base);
  const curWeights = unitWeights(cur);
  const baseScratch = scratchFor(base);
  const curScratch = scratchFor(cur);
  const changes = specs.map(() => [] as number[]);
  for (let r = 0; r < settings.resamples; r++) {
    drawBlocks(baseWeights, blockSeconds.baseline, rng);
    drawBlocks(curWeights, blockSeconds.current, rng);
    const b = figuresOf(base, baseWeights, baseScratch);
    const c = figuresOf(cur, curWeights, curScratch);
    specs.forEach((spec, i) => {
      const change = changeOf(spec, spec.valueOf(b), spec.valueOf(c));
      if (change !== null) changes[i]!.push(change);
    });
  }
  for (const list of changes) list.sort((x, y) => x - y);
  return changes;
}

/**
 * current / baseline or current − baseline; null when either is missing. A zero baseline gives 1
 * (both zero) or the largest finite number: Infinity would make the interpolated quantile NaN.
 */
function changeOf(spec: StatisticSpec, baseline: number | null, current: number | null): number | null {
  if (baseline === null || current === null) return null;
  if (spec.change === 'difference') return current - baseline;
  if (baseline === 0) return current === 0 ? 1 : Number.MAX_VALUE;
  return Math.min(current / baseline, Number.MAX_VALUE);
}

type Common = Pick<GateStatistic, 'name' | 'worse' | 'change' | 'margin' | 'baseline' | 'current' | 'samples'>;

function judge(spec: StatisticSpec, common: Common, tooShort: string | undefined, sorted: readonly number[], confidence: number): GateStatistic {
  const none = { estimate: null, ciLow: null, ciHigh: null, significant: false, exceedsMargin: false };
  if (spec.minSamples !== undefined) {
    const fewest = Math.min(common.samples.baseline, common.samples.current);
    if (fewest < spec.minSamples) {
      const which = common.samples.baseline <= common.samples.current ? 'baseline' : 'current run';
      const reason = `not judged: the ${which} has ${fewest} latency samples, ${spec.name} needs at least ${spec.minSamples} in each run`;
      return { ...common, judged: false, ...none, regressed: false, reason };
    }
  }
  if (tooShort !== undefined) return { ...common, judged: true, ...none, regressed: true, reason: tooShort };
  const estimate = changeOf(spec, common.baseline, common.current);
  if (estimate === null || sorted.length === 0) {
    return { ...common, judged: false, ...none, regressed: false, reason: 'not judged: no value in one of the runs' };
  }
  const tail = (1 - confidence) / 2;
  const ciLow = quantileSorted(sorted, tail);
  const ciHigh = quantileSorted(sorted, 1 - tail);
  const noChange = spec.change === 'ratio' ? 1 : 0;
  const limit = spec.change === 'ratio' ? (spec.worse === 'higher' ? 1 + common.margin : 1 - common.margin) : common.margin;
  const significant = spec.worse === 'higher' ? ciLow > noChange : ciHigh < noChange;
  const exceedsMargin = spec.worse === 'higher' ? ciLow > limit : ciHigh < limit;
  return { ...common, judged: true, estimate, ciLow, ciHigh, significant, exceedsMargin, regressed: significant && exceedsMargin };
}

/** The interpolated quantile of a sorted list (R's type 7, as simple-statistics computes it). */
function quantileSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

const tooShortReason = (found: number, needed: number) =>
  `the current run has ${found} whole 1-second interval${found === 1 ? '' : 's'}, the gate needs at least ${needed}`;

/** A change as the gate writes it: `+30.0%` for a ratio, `+9.10 pp` for a difference. */
export function formatGateChange(s: Pick<GateStatistic, 'change'>, value: number): string {
  return s.change === 'ratio' ? formatChange(value) : formatPointChange(value);
}

/** A statistic's value in its unit: `12.35 ms`, `312.5/s`, `1.25%`. */
export function formatGateValue(s: Pick<GateStatistic, 'name'>, value: number | null): string {
  if (value === null) return 'no data';
  return specs.find((spec) => spec.name === s.name)!.format(value);
}

/** One line per statistic: `p95: 12.35 ms → 16.05 ms, +30.0% (95% CI +27.1% … +33.4%): regression beyond the 10% margin`. */
function lineOf(s: GateStatistic, spec: StatisticSpec, confidence: number): string {
  const values = `${s.baseline === null ? 'no data' : spec.format(s.baseline)} → ${s.current === null ? 'no data' : spec.format(s.current)}`;
  if (s.estimate === null || s.ciLow === null || s.ciHigh === null) return `${s.name}: ${values}: ${findingOf(s)}`;
  const ci = `${formatPercent(confidence)} CI ${formatGateChange(s, s.ciLow)} … ${formatGateChange(s, s.ciHigh)}`;
  return `${s.name}: ${values}, ${formatGateChange(s, s.estimate)} (${ci}): ${findingOf(s)}`;
}

function methodLine(settings: Required<RegressionGateOptions>, blocks: GateVerdict['blockSeconds'], phases: readonly string[]): string {
  const perPhase = phases.map((name, i) => `${name} ${blocks.baseline[i]} s / ${blocks.current[i]} s`).join(', ');
  return `method: ${formatPercent(settings.confidence)} CI from ${settings.resamples} circular block-bootstrap resamples of 1-s intervals, stratified by phase (blocks, baseline / current: ${perPhase})`;
}

/** The allowed change in words: `the 10% margin`, `the 1 pp margin`. */
function marginText(s: Pick<GateStatistic, 'change' | 'margin'>): string {
  return `the ${s.change === 'ratio' ? formatPercent(s.margin) : formatPoints(s.margin)} margin`;
}

/** What the gate concluded about one statistic, in words (`regression beyond the 10% margin`, `no significant change`, ...). */
export function findingOf(s: GateStatistic): string {
  if (s.ciLow === null || s.ciHigh === null) return s.reason ?? 'not measured';
  if (s.regressed) return `regression beyond ${marginText(s)}`;
  if (s.significant) return `significant regression, within ${marginText(s)}`;
  const noChange = s.change === 'ratio' ? 1 : 0;
  const better = s.worse === 'higher' ? s.ciHigh < noChange : s.ciLow > noChange;
  return better ? 'significant improvement' : 'no significant change';
}

function checkOptions(o: Required<RegressionGateOptions>): void {
  if (!(Number.isFinite(o.maxRegression) && o.maxRegression >= 0)) {
    throw maxRegressionNotValid(formatPercent(o.maxRegression));
  }
  if (!(Number.isFinite(o.maxErrorIncrease) && o.maxErrorIncrease >= 0 && o.maxErrorIncrease < 1)) {
    throw maxErrorIncreaseNotValid(formatPercent(o.maxErrorIncrease));
  }
  if (!(o.confidence > 0 && o.confidence < 1)) throw gateConfidenceNotValid(o.confidence);
  if (!(Number.isInteger(o.resamples) && o.resamples >= 100)) throw optionIntegerTooSmall('resamples', 100, o.resamples);
  if (!Number.isSafeInteger(o.seed)) throw optionNotInteger('seed', o.seed);
  if (!(Number.isInteger(o.minIntervals) && o.minIntervals >= 2)) {
    throw optionIntegerTooSmall('minIntervals', 2, o.minIntervals);
  }
}
