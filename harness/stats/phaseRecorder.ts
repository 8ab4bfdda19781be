// Turns the RequestOutcomes of one phase into its statistics: counts, errors by kind, an overall and a
// per-second latency histogram. Pure: the caller passes the clock, so tests feed synthetic outcomes.

import type { RequestOutcome, ScheduleWindow } from '../drive/requestOutcome.ts';
import { IntervalSeries } from './intervalSeries.ts';
import { LatencyHistogram } from './latencyHistogram.ts';
import type { PhaseStats } from './phaseStats.ts';
import { emptyCounts, errorRate, perSecond, roundToMicros, sortedErrorCounts } from './requestCounts.ts';

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
 * fast. Per-second intervals take each event when it happened — a completion when the response
 * arrived (like k6's samples and HdrHistogram's interval logs, the lineage of wrk2), a send when it was
 * sent, a drop when the request was due — so a second's throughput is what the target delivered in it.
 * A dropped request (never sent: the open loop's connections and backlog were full) is an error of kind
 * `dropped`, so a saturated driver shows in the error rate instead of vanishing from every figure.
 */
export class PhaseRecorder {
  readonly #info: PhaseInfo;
  readonly #counts = emptyCounts();
  readonly #errors: Record<string, number> = {};
  readonly #latency = new LatencyHistogram();
  readonly #series: IntervalSeries;

  constructor(info: PhaseInfo) {
    this.#info = info;
    this.#series = new IntervalSeries(info.startMs);
  }

  /** Takes one outcome (an OutcomeSink: pass `(o) => recorder.record(o)`). */
  record(outcome: RequestOutcome): void {
    const counts = this.#counts;
    if (outcome.dropped === true) {
      counts.dropped++;
      counts.errors++;
      this.#errors['dropped'] = (this.#errors['dropped'] ?? 0) + 1;
      const interval = this.#series.countsAt(outcome.intendedMs);
      interval.dropped++;
      interval.errors++;
      return;
    }
    const sentMs = outcome.sentMs ?? outcome.intendedMs;
    counts.sent++;
    this.#series.countsAt(sentMs).sent++;
    if (outcome.cache === 'hit') counts.cacheHits++;
    if (outcome.cache === 'miss') counts.cacheMisses++;

    const failure = outcome.failure;
    if (failure !== undefined) {
      counts.errors++;
      const kind = failure === 'status' && outcome.status !== undefined ? String(outcome.status) : failure;
      this.#errors[kind] = (this.#errors[kind] ?? 0) + 1;
    }
    // A request abandoned in flight has no completion: it counts as sent (and as an error if it is one).
    if (outcome.doneMs === undefined) {
      if (failure !== undefined) this.#series.countsAt(sentMs).errors++;
      return;
    }

    counts.completed++;
    const interval = this.#series.countsAt(outcome.doneMs);
    interval.completed++;
    if (failure === undefined) {
      counts.ok++;
      interval.ok++;
    } else {
      interval.errors++;
    }
    if (failure !== 'connection') {
      // A batch-ahead scheduler may send a hair early; an answer before its due time took no time from the schedule.
      const latencyMs = Math.max(0, outcome.doneMs - outcome.intendedMs);
      this.#latency.record(latencyMs);
      this.#series.recordLatency(outcome.doneMs, latencyMs);
    }
  }

  /** The progress line's figures at `nowMs`. */
  snapshot(nowMs: number): PhaseSnapshot {
    const elapsedMs = roundToMicros(Math.max(0, nowMs - this.#info.startMs));
    const { sent, completed, dropped, errors } = this.#counts;
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
    const counts = { ...this.#counts };
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
      errors: sortedErrorCounts(this.#errors),
      errorRate: errorRate(counts),
      latency: this.#latency.summary(),
      histogram: this.#latency.encode(),
      series: this.#series.entries(lastIndex, targetPerSecond),
    };
  }
}
