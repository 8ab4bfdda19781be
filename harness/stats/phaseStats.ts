// The JSON shape of measured statistics (one phase, one second of a phase, several phases together):
// each zod schema is also the TypeScript type, so the results file and the code cannot drift apart.

import { z } from 'zod';
import { latencySummarySchema } from './latencyHistogram.ts';

const count = z.number().int().nonnegative();
/** Requests per second, to 0.001/s. */
const rate = z.number().nonnegative();

/**
 * What happened to the requests of a phase. Every outcome a driver reports is either dropped (never
 * sent: more requests were due than the open loop's connections and backlog could hold) or sent; a sent
 * request is completed once its result is known (a response, a timeout or a connection error).
 * `errors` counts every request that did not succeed, dropped ones included (kind `dropped`), so
 * ok + errors = sent + dropped once every request has completed.
 */
export const requestCountsSchema = z.strictObject({
  sent: count,
  completed: count,
  ok: count,
  dropped: count,
  errors: count,
  cacheHits: count,
  cacheMisses: count,
});
export type RequestCounts = z.infer<typeof requestCountsSchema>;

/** Failed requests by kind: `timeout`, `connection`, `dropped` (never sent), or the HTTP status code (`"503"`). */
export const errorCountsSchema = z.record(z.string(), count);
export type ErrorCounts = z.infer<typeof errorCountsSchema>;

/** The latency statistics of one second: what the progress line, the series chart and the gate read. */
export const intervalLatencySchema = latencySummarySchema.pick({ count: true, p50: true, p90: true, p95: true, p99: true, max: true });
export type IntervalLatency = z.infer<typeof intervalLatencySchema>;

/**
 * One second of a phase. Every event counts in the second it happened: a completion (with its
 * latency, success or error) when the response arrived, a send when it was sent, a drop when the
 * request was due. The last second of a phase may be partial; seconds past the phase's end hold
 * requests that were still in flight when it ended.
 */
export const intervalStatsSchema = z.strictObject({
  /** Seconds since the phase started: this entry covers [t, t + 1). */
  t: count,
  /** Trace replay: the sends the trace made due in this second (its target rate here), to set against `sent` and `dropped`. */
  target: count.optional(),
  sent: count,
  completed: count,
  dropped: count,
  /** Failed requests, drops included. */
  errors: count,
  /** Successful responses in this second, i.e. per second. */
  throughput: rate,
  latency: intervalLatencySchema,
  /** The second's latency histogram, HdrHistogram-encoded (compressed base64). */
  histogram: z.string(),
});
export type IntervalStats = z.infer<typeof intervalStatsSchema>;

const statsFields = {
  /** Wall time from the phase's start until its last request completed (the schedule window plus the drain). */
  durationMs: z.number().nonnegative(),
  /**
   * The schedule window, the denominator of every rate: open loop, from the first intended send to the
   * last intended send plus one interval (N sends at rate r give N/r); closed loop, from the start until
   * new requests stopped. Completions after it still count in the totals and latency.
   */
  windowMs: z.number().nonnegative(),
  /** Time after the schedule window spent waiting for the requests still in flight (in no rate). */
  drainMs: z.number().nonnegative(),
  /** Completed requests (answered, timed out or failed) per second of the schedule window. */
  achievedRate: rate,
  /** Sent requests per second of the schedule window (compare with `targetRate` in open-loop phases). */
  sentRate: rate,
  /** Successful (2xx) responses per second of the schedule window. */
  throughput: rate,
  counts: requestCountsSchema,
  errors: errorCountsSchema,
  /**
   * errors / (sent + dropped): drops count as failed requests. `null` when nothing was due, so an
   * error-rate threshold cannot pass on zero samples.
   */
  errorRate: z.number().min(0).max(1).nullable(),
  /**
   * Latency (from the intended send time) of every request that got a response (any status) or
   * timed out; connection errors fail fast and are left out, so a dead target cannot look fast.
   */
  latency: latencySummarySchema,
  /** The latency histogram, HdrHistogram-encoded (compressed base64): the exact source of `latency`. */
  histogram: z.string(),
};

/**
 * One model's part of a phase (or of several) that sent a mix of models: its requests, errors, rates
 * (over the same schedule window as the whole) and latency.
 */
export const modelStatsSchema = z.strictObject({
  /** `name`, or `name:version` when the mix names a version. */
  model: z.string(),
  achievedRate: rate,
  sentRate: rate,
  throughput: rate,
  counts: requestCountsSchema,
  errors: errorCountsSchema,
  errorRate: statsFields.errorRate,
  latency: latencySummarySchema,
  histogram: z.string(),
});
export type ModelStats = z.infer<typeof modelStatsSchema>;

/** A mix of models: the statistics split by model, in the mix's order (absent for one model). */
const modelsField = z.array(modelStatsSchema).optional();

/**
 * Files written before rates had a schedule window divided their rates by `durationMs`: read them as a
 * window of `durationMs` and no drain, which is what their rates mean.
 */
function withWindow(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'windowMs' in value || !('durationMs' in value)) return value;
  return { ...value, windowMs: value.durationMs, drainMs: 0 };
}

/** The statistics of one phase of a scenario, as written to the results file. */
export const phaseStatsSchema = z.preprocess(withWindow, z.strictObject({
  name: z.string(),
  /** The phase's kind as the scenario names it (open-loop, closed-loop, pause). */
  kind: z.string(),
  /** Warm-up phases are excluded from thresholds and the overall statistics. */
  warmup: z.boolean(),
  /** Open-loop and trace phases: the arrival rate asked for (req/s; the mean when ramping, or over the trace). */
  targetRate: rate.optional(),
  ...statsFields,
  models: modelsField,
  series: z.array(intervalStatsSchema),
}));
export type PhaseStats = z.infer<typeof phaseStatsSchema>;

/** Several phases taken together (by default, the non-warm-up ones): a run's overall statistics. */
export const aggregateStatsSchema = z.preprocess(withWindow, z.strictObject({
  /** Names of the phases included. */
  phases: z.array(z.string()),
  ...statsFields,
  models: modelsField,
}));
export type AggregateStats = z.infer<typeof aggregateStatsSchema>;
