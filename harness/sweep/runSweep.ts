// A sweep (perf_analyzer's concurrency or request-rate sweep): each load level is measured in windows
// until three in a row agree within 10 % (or a maximum number of windows), giving the throughput-latency
// curve, its knee under a p99 budget, and a calibration of one replica for the autoscaler simulator.

import { silentLogger, type Logger } from '../../common/log.ts';
import { defaultModelsDir } from '../../models/index.ts';
import { aggregatePhases } from '../results/aggregatePhases.ts';
import { describeEnvironment, } from '../results/environment.ts';
import { runPhase } from '../run/runPhase.ts';
import { prepareVariantTarget } from '../run/variantTarget.ts';
import { resolveVariants } from '../scenario/resolveVariants.ts';
import type { Phase, Scenario } from '../scenario/scenarioSchema.ts';
import type { AggregateStats, PhaseStats } from '../stats/phaseStats.ts';
import { kneeOf } from './knee.ts';
import { isStable } from './stability.ts';

export type SweepMode = 'concurrency' | 'rate';

export interface SweepOptions {
  readonly mode: SweepMode;
  readonly levels: readonly number[];
  readonly windowMs: number;
  readonly maxWindows: number;
  readonly p99BudgetMs: number;
  readonly modelsDir?: string;
  readonly logger?: Logger;
  /** After each window: the level, the window number and its figures. */
  readonly onWindow?: (level: number, window: number, stats: PhaseStats) => void;
  readonly signal?: AbortSignal;
}

export interface SweepPoint {
  readonly level: number;
  readonly throughput: number;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly p99: number | null;
  readonly errorRate: number | null;
  /** False when the level hit the window limit before it settled: its figures are less trustworthy. */
  readonly stable: boolean;
  readonly windows: number;
  /** The last (up to three) windows together. */
  readonly stats: AggregateStats;
}

export interface SweepResult {
  readonly version: 1;
  readonly tool: 'infercap';
  readonly kind: 'sweep';
  readonly scenario: string;
  readonly mode: SweepMode;
  readonly target: { readonly url: string; readonly kind: 'url' | 'reference'; readonly options?: unknown };
  readonly workload: Scenario['workload'];
  readonly p99BudgetMs: number;
  readonly points: readonly SweepPoint[];
  /** The highest-throughput level whose p99 is within the budget. */
  readonly knee?: SweepPoint;
  readonly environment: ReturnType<typeof describeEnvironment>;
  readonly startedAt: string;
}

function windowPhase(mode: SweepMode, level: number, window: number, windowMs: number): Phase {
  const name = `${mode === 'concurrency' ? 'c' : 'r'}${level}-w${window}`;
  return mode === 'concurrency'
    ? { name, kind: 'closed', connections: level, duration: windowMs, warmup: false }
    : { name, kind: 'open', rate: level, arrivals: 'constant', duration: windowMs, warmup: false };
}

/** Sweeps the scenario's (first) variant over `options.levels`. The scenario's own phases are not run. */
export async function runSweep(scenario: Scenario, options: SweepOptions): Promise<SweepResult> {
  const variant = resolveVariants(scenario)[0]!;
  const startedAt = new Date().toISOString();
  const target = await prepareVariantTarget(variant, options.modelsDir ?? defaultModelsDir, 1, options.logger ?? silentLogger);
  const measure = (phase: Phase, seed: number) =>
    runPhase(phase, { url: target.inferUrl, nextBody: target.nextBody, timeoutMs: variant.workload.timeout, headers: target.headers, seed, ...(options.signal ? { signal: options.signal } : {}) });
  try {
    // One window at the first level warms the target up; it is not part of the curve.
    await measure(windowPhase(options.mode, options.levels[0]!, 0, options.windowMs), target.seed);
    const points: SweepPoint[] = [];
    for (const level of options.levels) {
      const windows: PhaseStats[] = [];
      while (windows.length < options.maxWindows && !options.signal?.aborted) {
        const stats = await measure(windowPhase(options.mode, level, windows.length + 1, options.windowMs), target.seed + level * 131 + windows.length);
        windows.push(stats);
        options.onWindow?.(level, windows.length, stats);
        if (isStable(windows.map((w) => ({ throughput: w.throughput, p95: w.latency.p95 })))) break;
      }
      if (windows.length === 0) break;
      const stats = aggregatePhases(windows.slice(-3), { includeWarmup: true });
      points.push({
        level,
        throughput: stats.throughput,
        p50: stats.latency.p50,
        p95: stats.latency.p95,
        p99: stats.latency.p99,
        errorRate: stats.errorRate,
        stable: isStable(windows.map((w) => ({ throughput: w.throughput, p95: w.latency.p95 }))),
        windows: windows.length,
        stats,
      });
    }
    const knee = kneeOf(points, options.p99BudgetMs);
    return {
      version: 1,
      tool: 'infercap',
      kind: 'sweep',
      scenario: scenario.name,
      mode: options.mode,
      target: { url: target.url, kind: target.kind, ...('reference' in variant.target ? { options: variant.target.reference } : {}) },
      workload: variant.workload,
      p99BudgetMs: options.p99BudgetMs,
      points,
      ...(knee === undefined ? {} : { knee }),
      environment: describeEnvironment(),
      startedAt,
    };
  } finally {
    await target.stop();
  }
}
