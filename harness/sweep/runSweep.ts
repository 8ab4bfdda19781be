// A sweep (perf_analyzer's concurrency or request-rate sweep): each load level is one continuous phase,
// cut into measurement windows until three in a row agree within 10 % (or a maximum number of windows),
// giving the throughput-latency curve, its knee (the highest sustainable level), and a calibration of one
// replica for the autoscaler simulator. The load runs on across a level's windows, so a level past
// saturation builds its queue from window to window, as it would in production, instead of draining it.

import { sweepNeedsOneModel } from '../../common/errors.ts';
import { silentLogger, type Logger } from '../../common/log.ts';
import { defaultModelsDir } from '../../models/index.ts';
import { aggregatePhases } from '../results/aggregatePhases.ts';
import { envelopeOf, type Envelope } from '../results/resultsEnvelope.ts';
import type { ResolvedTarget } from '../results/runResults.ts';
import { sweepSchemaVersion } from '../results/sweepResults.ts';
import { runPhase } from '../run/runPhase.ts';
import { prepareVariantTarget } from '../run/variantTarget.ts';
import { modelLabel, workloadModels } from '../scenario/mixSchema.ts';
import { resolveVariants } from '../scenario/resolveVariants.ts';
import type { Phase, Scenario } from '../scenario/scenarioSchema.ts';
import type { ArrivalKind } from '../drive/arrivalSchedule.ts';
import type { RequestOutcome } from '../drive/requestOutcome.ts';
import { PhaseRecorder } from '../stats/phaseRecorder.ts';
import type { AggregateStats, PhaseStats } from '../stats/phaseStats.ts';
import { kneeOf } from './knee.ts';
import { isStable } from './stability.ts';
import { isSustainable } from './sustainable.ts';

export type SweepMode = 'concurrency' | 'rate';

export interface SweepOptions {
  readonly mode: SweepMode;
  readonly levels: readonly number[];
  readonly windowMs: number;
  readonly maxWindows: number;
  readonly p99BudgetMs: number;
  /** Rate sweeps: how each level's requests are spread in time (default constant, as perf_analyzer's default). */
  readonly arrivals?: ArrivalKind;
  /**
   * While the highest level measured is still sustainable, measure up to `levels` more, each `factor` times
   * the last, until one is not: without it a sweep whose levels all kept up knows only a lower bound of its knee.
   */
  readonly extend?: SweepExtension;
  /**
   * Then measure up to this many levels more between the knee and the lowest level above it that did not keep
   * up, each halving the gap (perf_analyzer's binary search): the knee to within a finer step, and the curve
   * measured where latency rises fastest.
   */
  readonly refine?: number;
  readonly modelsDir?: string;
  readonly logger?: Logger;
  /** After each window: the level, the window number and its figures. */
  readonly onWindow?: (level: number, window: number, stats: PhaseStats) => void;
  readonly signal?: AbortSignal;
}

export interface SweepPoint {
  readonly level: number;
  /**
   * Rate sweeps: the requests that came due in the level's last (up to three) windows, per second: the level
   * with constant arrivals, the level give or take the Poisson process's own randomness with Poisson ones
   * (what the target was asked to keep up with); null for concurrency sweeps.
   */
  readonly offeredRate: number | null;
  /** Successful responses per second over the level's last (up to three) windows. */
  readonly throughput: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly errorRate: number | null;
  /** Requests the open loop could not send (connections and backlog full) in those windows. */
  readonly dropped: number;
  /** Throughput ≥ 99 % of offered (closed loop: ≤ 1 % errors), nothing dropped, p99 within the budget. */
  readonly sustainable: boolean;
  /** False when the level hit the window limit before it settled: its figures are less trustworthy. */
  readonly stable: boolean;
  readonly windows: number;
  /** The last (up to three) windows together. */
  readonly stats: AggregateStats;
}

/** Each level an extension adds is this many times the last, unless the extension says otherwise. */
export const extensionFactor = 1.25;

export interface SweepExtension {
  readonly levels: number;
  /** Default extensionFactor. */
  readonly factor?: number;
}

/** Where a sweep sends its load. */
export interface SweepTarget {
  readonly inferUrl: string;
  readonly nextBody: () => string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly seed: number;
}

export interface SweepResult extends Envelope<'sweep', typeof sweepSchemaVersion> {
  readonly scenario: string;
  readonly mode: SweepMode;
  /** Rate sweeps: how each level's requests were spread in time. */
  readonly arrivals?: ArrivalKind;
  readonly target: { readonly url: string; readonly kind: 'url' | 'reference'; readonly resolved: ResolvedTarget | null; readonly options?: unknown };
  /** The workload swept: always one model (a mix is refused). */
  readonly workload: Scenario['workload'] & { readonly model: string };
  readonly p99BudgetMs: number;
  readonly points: readonly SweepPoint[];
  /** The highest sustainable level (see SweepPoint.sustainable); absent when none was. */
  readonly knee?: SweepPoint;
  readonly startedAt: string;
}

/** One level's phase: long enough for every window, ended early once the windows agree. */
function levelPhase(mode: SweepMode, level: number, durationMs: number, arrivals: ArrivalKind): Phase {
  const name = `${mode === 'concurrency' ? 'c' : 'r'}${level}`;
  return mode === 'concurrency'
    ? { name, kind: 'closed', connections: level, duration: durationMs, warmup: false }
    : { name, kind: 'open', rate: level, arrivals, duration: durationMs, warmup: false };
}

/** One level's measurement windows, and how many requests came due in each (by their intended send). */
interface LevelWindows {
  readonly windows: PhaseStats[];
  readonly due: number[];
}

/**
 * Measures one level as one continuous phase cut into windows of `windowMs` (each outcome counted in the
 * window it arrived in; rates over the window), stopping new load once the last three windows agree or
 * `windows` were measured. Returns every window's statistics and the requests due in it.
 */
async function measureLevel(target: SweepTarget, mode: SweepMode, level: number, windows: number, options: Pick<SweepOptions, 'windowMs' | 'onWindow' | 'signal' | 'arrivals'>, seed: number): Promise<LevelWindows> {
  const { windowMs } = options;
  // One window more of schedule than needed, so the load never thins out before the last window closes.
  const phase = levelPhase(mode, level, (windows + 1) * windowMs, options.arrivals ?? 'constant');
  const end = new AbortController();
  const measured: PhaseStats[] = [];
  // The start of each window opened so far, and the requests due in each, whenever they complete.
  const starts: number[] = [];
  const due: number[] = [];
  const recorderAt = (startMs: number) =>
    new PhaseRecorder({ name: `${phase.name}-w${measured.length + 1}`, kind: phase.kind, warmup: false, ...(mode === 'rate' ? { targetRate: level } : {}), startMs });
  // The first window opens at the first request's intended send, not before the driver is up (its start-up
  // would read as missing throughput), and each closes windowMs after it opened.
  let windowStartMs = 0;
  let current: PhaseRecorder | undefined;
  let timer: NodeJS.Timeout | undefined;
  const cut = () => {
    const nowMs = performance.now();
    const stats = current!.finish(nowMs, { startMs: windowStartMs, endMs: nowMs });
    measured.push(stats);
    windowStartMs = nowMs;
    starts.push(nowMs);
    due.push(0);
    current = recorderAt(nowMs);
    options.onWindow?.(level, measured.length, stats);
    if (measured.length >= windows || isStable(measured.map((w) => ({ throughput: w.throughput, p95: w.latency.p95 })))) end.abort();
    else timer = setTimeout(cut, windowMs);
  };
  const record = (outcome: RequestOutcome) => {
    if (current === undefined) {
      windowStartMs = outcome.intendedMs;
      starts.push(windowStartMs);
      due.push(0);
      current = recorderAt(windowStartMs);
      timer = setTimeout(cut, Math.max(0, windowStartMs + windowMs - performance.now()));
    }
    current.record(outcome);
    let window = starts.length - 1;
    while (window > 0 && outcome.intendedMs < starts[window]!) window--;
    if (outcome.intendedMs >= starts[0]!) due[window]!++;
  };
  try {
    await runPhase(phase, {
      url: target.inferUrl,
      nextBody: target.nextBody,
      timeoutMs: target.timeoutMs,
      ...(target.headers ? { headers: target.headers } : {}),
      seed,
      onOutcome: record,
      endSignal: end.signal,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } finally {
    clearTimeout(timer);
  }
  // The window left open when the level ended was never measured.
  return { windows: measured, due: due.slice(0, measured.length) };
}

/** The point of a level from its windows: the last three together, judged sustainable or not. */
export function pointOf(mode: SweepMode, level: number, { windows, due }: LevelWindows, p99BudgetMs: number): SweepPoint {
  const stats = aggregatePhases(windows.slice(-3), { includeWarmup: true });
  const offeredRate = mode === 'rate' ? due.slice(-3).reduce((a, b) => a + b, 0) / (stats.windowMs / 1000) : null;
  const figures = { offeredRate, throughput: stats.throughput, dropped: stats.counts.dropped, errorRate: stats.errorRate, p99: stats.latency.p99 };
  return {
    level,
    ...figures,
    p50: stats.latency.p50,
    p95: stats.latency.p95,
    sustainable: isSustainable(figures, p99BudgetMs),
    stable: isStable(windows.map((w) => ({ throughput: w.throughput, p95: w.latency.p95 }))),
    windows: windows.length,
    stats,
  };
}

/**
 * Measures every level against `target` (after one window at the first level, which warms it up and is
 * not part of the curve) and finds the knee: the highest sustainable level.
 */
export async function measureLevels(target: SweepTarget, options: Omit<SweepOptions, 'modelsDir' | 'logger'>): Promise<{ points: SweepPoint[]; knee: SweepPoint | undefined }> {
  await measureLevel(target, options.mode, options.levels[0]!, 1, { ...options, onWindow: undefined }, target.seed);
  const points: SweepPoint[] = [];
  const measure = async (level: number) => {
    if (options.signal?.aborted) return undefined;
    const measured = await measureLevel(target, options.mode, level, options.maxWindows, options, target.seed + level * 131);
    if (measured.windows.length === 0) return undefined;
    const point = pointOf(options.mode, level, measured, options.p99BudgetMs);
    points.push(point);
    return point;
  };
  const levels = [...options.levels];
  let extra = options.extend?.levels ?? 0;
  for (let i = 0; i < levels.length; i++) {
    const point = await measure(levels[i]!);
    if (point === undefined) return { points, knee: kneeOf(points, options.p99BudgetMs) };
    if (i === levels.length - 1 && extra > 0 && point.sustainable) {
      levels.push(extendedLevel(point.level, options.extend!.factor ?? extensionFactor));
      extra--;
    }
  }
  for (let step = 0; step < (options.refine ?? 0); step++) {
    const level = refinedLevel(points, options.p99BudgetMs);
    if (level === undefined || (await measure(level)) === undefined) break;
  }
  points.sort((a, b) => a.level - b.level);
  return { points, knee: kneeOf(points, options.p99BudgetMs) };
}

/** The next level past `level`: `factor` times it; from a whole level (connections, or req/s as usually swept), a whole one, at least one more. */
export function extendedLevel(level: number, factor: number): number {
  const next = level * factor;
  return Number.isInteger(level) ? Math.max(Math.round(next), level + 1) : next;
}

/**
 * The level halfway between the knee and the lowest level above it that did not keep up (whole when both are),
 * or undefined when there is no such pair, or no level strictly between them.
 */
export function refinedLevel(points: readonly SweepPoint[], p99BudgetMs: number): number | undefined {
  const knee = kneeOf(points, p99BudgetMs);
  if (knee === undefined) return undefined;
  const above = points.filter((point) => point.level > knee.level).map((point) => point.level);
  if (above.length === 0) return undefined;
  const failed = Math.min(...above);
  const middle = (knee.level + failed) / 2;
  const level = Number.isInteger(knee.level) && Number.isInteger(failed) ? Math.round(middle) : middle;
  return level > knee.level && level < failed ? level : undefined;
}

/** Sweeps the scenario's (first) variant over `options.levels`. The scenario's own phases are not run. */
export async function runSweep(scenario: Scenario, options: SweepOptions): Promise<SweepResult> {
  const variant = resolveVariants(scenario)[0]!;
  const models = workloadModels(variant.workload);
  if (models.length > 1) throw sweepNeedsOneModel(scenario.name, models.map(modelLabel));
  const { mix: _one, ...workload } = variant.workload;
  const swept = { ...workload, model: models[0]!.model, ...(models[0]!.version === undefined ? {} : { version: models[0]!.version }) };
  const startedAt = new Date().toISOString();
  const target = await prepareVariantTarget({ ...variant, workload: swept }, options.modelsDir ?? defaultModelsDir, 1, options.logger ?? silentLogger);
  try {
    const { points, knee } = await measureLevels(
      { inferUrl: target.inferUrl, nextBody: target.nextBody, headers: target.headers, timeoutMs: variant.workload.timeout, seed: target.seed },
      options,
    );
    return {
      ...envelopeOf('sweep', sweepSchemaVersion),
      scenario: scenario.name,
      mode: options.mode,
      ...(options.mode === 'rate' ? { arrivals: options.arrivals ?? 'constant' } : {}),
      target: { url: target.url, kind: target.kind, resolved: target.resolved, ...('reference' in variant.target ? { options: variant.target.reference } : {}) },
      workload: swept,
      p99BudgetMs: options.p99BudgetMs,
      points,
      ...(knee === undefined ? {} : { knee }),
      startedAt,
    };
  } finally {
    await target.stop();
  }
}
