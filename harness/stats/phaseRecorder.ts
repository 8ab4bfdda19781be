// Turns the RequestOutcomes of one phase into its statistics: counts, errors by kind, an overall and a
// per-second latency histogram. Pure: the caller passes the clock, so tests feed synthetic outcomes.

import type { RequestOutcome, ScheduleWindow } from '../drive/requestOutcome.ts';
import { IntervalSeries } from './intervalSeries.ts';
import { modelStatsOf } from './modelStats.ts';
import { OutcomeTally } from './outcomeTally.ts';
import type { PhaseStats } from './phaseStats.ts';
import { errorRate, perSecond, roundToMicros } from './requestCounts.ts';

/** Which phase is recorded, and when it started. */
export interface PhaseInfo {
  readonly name: string;
  /** The phase's kind as the scenario names it. */
  readonly kind: string;
  readonly warmup: boolean;
  /** Open-loop phases: the arrival rate asked for, req/s. */
  readonly targetRate?: number;
  /** When the phase started, on the drivers' clock (performance.now() ms). */
  readonly startMs: number;
  /** A mix: the models (`name` or `name:version`) that outcomes' `model` indexes; the statistics split by them. */
  readonly models?: readonly string[];
}

/** What the live progress line shows. */
export interface PhaseSnapshot {
  readonly elapsedMs: number;
  readonly sent: number;
  readonly completed: number;
  readonly dropped: number;
  readonly errors: number;
  /** Completions per second over the last whole second (during the first second: so far). */
  readonly rate: number;
  /** p99 latency in ms over the same second; null when it had no latency sample. */
  readonly p99: number | null;
}

/**
 * Records one phase. Latency is `doneMs − intendedMs` (wrk2's rule) for every request that got a
 * response, whatever its status, or timed out (its latency then is a lower bound, and dropping it
 * would hide a stall); connection errors fail fast and are only counted, so a dead target cannot look
 * fast (outcomeTally.ts). A mix of models is also tallied per model. Per-second intervals take each event when it happened — a completion when the response
 * arrived (like k6's samples and HdrHistogram's interval logs, the lineage of wrk2), a send when it was
 * sent, a drop when the request was due — so a second's throughput is what the target delivered in it.
 * A dropped request (never sent: the open loop's connections and backlog were full) is an error of kind
 * `dropped`, so a saturated driver shows in the error rate instead of vanishing from every figure.
 */
export class PhaseRecorder {
  readonly #info: PhaseInfo;
  readonly #whole = new OutcomeTally();
  /** One tally per model of a mix, by the outcomes' `model` index. */
  readonly #byModel: readonly OutcomeTally[];
  readonly #series: IntervalSeries;

  constructor(info: PhaseInfo) {
    this.#info = info;
    this.#series = new IntervalSeries(info.startMs);
    this.#byModel = (info.models ?? []).map(() => new OutcomeTally());
  }

  /** Takes one outcome (an OutcomeSink: pass `(o) => recorder.record(o)`). */
  record(outcome: RequestOutcome): void {
    const tallied = this.#whole.record(outcome);
    if (outcome.model !== undefined) this.#byModel[outcome.model]?.record(outcome);
    if (tallied.kind === 'dropped') {
      const interval = this.#series.countsAt(outcome.intendedMs);
      interval.dropped++;
      interval.errors++;
      return;
    }
    const sentMs = outcome.sentMs ?? outcome.intendedMs;
    this.#series.countsAt(sentMs).sent++;
    if (tallied.kind === 'abandoned') {
      if (tallied.failed) this.#series.countsAt(sentMs).errors++;
      return;
    }
    const interval = this.#series.countsAt(outcome.doneMs!);
    interval.completed++;
    if (tallied.failed) interval.errors++;
    else interval.ok++;
    if (tallied.latencyMs !== undefined) this.#series.recordLatency(outcome.doneMs!, tallied.latencyMs);
  }

  /** The progress line's figures at `nowMs`. */
  snapshot(nowMs: number): PhaseSnapshot {
    const elapsedMs = roundToMicros(Math.max(0, nowMs - this.#info.startMs));
    const { sent, completed, dropped, errors } = this.#whole.counts;
    const current = this.#series.indexOf(nowMs);
    // During the first second there is no whole second yet: report what the first has so far.
    const second = Math.max(0, current - 1);
    const rate = current === 0 ? perSecond(completed, elapsedMs) : this.#series.countsOf(second).completed;
    return { elapsedMs, sent, completed, dropped, errors, rate, p99: this.#series.histogramAt(second).percentile(99) };
  }

  /**
   * The phase's statistics, as it ended at `endMs`. Rates are over `window` (default: the whole phase so
   * far, for partial results); the time from the window's end to `endMs` is reported as the drain.
   * `targetPerSecond` (a trace replay's intended sends in each second) goes into the series as `target`.
   */
  finish(endMs: number, window: ScheduleWindow = { startMs: this.#info.startMs, endMs }, targetPerSecond?: readonly number[]): PhaseStats {
    const { name, kind, warmup, targetRate, startMs } = this.#info;
    const durationMs = roundToMicros(Math.max(0, endMs - startMs));
    const windowMs = roundToMicros(Math.max(0, window.endMs - window.startMs));
    const drainMs = roundToMicros(Math.max(0, endMs - Math.max(window.endMs, startMs)));
    const counts = { ...this.#whole.counts };
    const models = this.#info.models ?? [];
    const lastIndex = Math.max(Math.ceil(durationMs / 1000) - 1, this.#series.lastIndex, (targetPerSecond?.length ?? 0) - 1);
    return {
      name,
      kind,
      warmup,
      ...(targetRate === undefined ? {} : { targetRate }),
      durationMs,
      windowMs,
      drainMs,
      achievedRate: perSecond(counts.completed, windowMs),
      sentRate: perSecond(counts.sent, windowMs),
      throughput: perSecond(counts.ok, windowMs),
      counts,
      errors: this.#whole.errors(),
      errorRate: errorRate(counts),
      latency: this.#whole.latency.summary(),
      histogram: this.#whole.latency.encode(),
      ...(models.length === 0 ? {} : { models: models.map((model, i) => modelStatsOf(model, { ...this.#byModel[i]!.counts }, this.#byModel[i]!.errors(), this.#byModel[i]!.latency, windowMs)) }),
      series: this.#series.entries(lastIndex, targetPerSecond),
    };
  }
}
