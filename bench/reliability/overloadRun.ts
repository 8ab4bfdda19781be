// The overload part of the reliability suite: measure capacity, then drive 5x that open loop and see
// that the server sheds the excess (503/429 with Retry-After), keeps admitted latency within its queue
// bound (the queue timeout plus the latency at saturation), keeps memory bounded, and is back to normal
// latency soon after the overload ends.

import { residentMb } from './processMemory.ts';
import { runClosedProbe, runOpenProbe, type ProbeAnswer, type ProbeTarget } from '../support/probeTraffic.ts';
import { recoveryTimeMs, type TimedAnswer } from './recovery.ts';

export interface OverloadOptions {
  readonly target: ProbeTarget;
  /** The server process, for its resident memory. */
  readonly pid: number;
  /** Closed-loop connections that measure capacity. */
  readonly capacityConnections: number;
  readonly capacityMs: number;
  /** Normal latency is measured at this share of capacity, open loop. */
  readonly normalShare: number;
  readonly normalMs: number;
  /** Overload rate as a multiple of capacity. */
  readonly factor: number;
  readonly overloadMs: number;
  /** How long after the overload recovery is watched for. */
  readonly recoveryWatchMs: number;
  /** The server's queue bound (--queue-timeout-ms): admitted requests should wait no longer. */
  readonly queueTimeoutMs: number;
}

export interface OverloadFigures {
  /** Successful answers a second at saturation, closed loop. */
  readonly capacity: number;
  /** p99 of the 200 answers while capacity was measured: a full batcher, no queue beyond one batch. */
  readonly saturationP99Ms: number | null;
  readonly normalP99Ms: number | null;
  readonly overloadRate: number;
  readonly sent: number;
  readonly answered: number;
  readonly admitted: number;
  /** 503 + 429 answers, and the share of answers they are. */
  readonly shed: number;
  readonly shedShare: number;
  /** Shed answers that carried a numeric Retry-After. */
  readonly shedWithRetryAfter: number;
  readonly otherFailures: number;
  /** What the other failures were: socket errors, timeouts and statuses other than 200, 503 and 429. */
  readonly otherFailureKinds: Readonly<Record<string, number>>;
  readonly admittedP99Ms: number | null;
  /**
   * queueTimeoutMs + the p99 at saturation. Under overload every batch is full (up to --max-batch-size rows),
   * so an admitted request waits at most the queue bound and then runs in a full batch, as at saturation;
   * the normal-load p99 this bound used before measures small batches (1–4 rows at half capacity) and left
   * the full batch's extra run time out, so admitted requests overran it by about that time.
   */
  readonly admittedBoundMs: number | null;
  readonly rssBeforeMb: number | null;
  readonly rssPeakMb: number | null;
  readonly rssGrowthMb: number | null;
  readonly recoveryMs: number | null;
  /** Requests at the normal rate after the overload, and how many got a 200. */
  readonly afterSent: number;
  readonly afterOk: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runOverload(options: OverloadOptions): Promise<OverloadFigures> {
  const stopCapacity = new AbortController();
  const capacityRun = runClosedProbe(options.target, { connections: options.capacityConnections, signal: stopCapacity.signal });
  await sleep(options.capacityMs);
  stopCapacity.abort();
  const capacityTally = await capacityRun;
  const capacity = capacityTally.count(200) / (options.capacityMs / 1000);
  if (!(capacity > 0)) throw new Error(`the server answered no request successfully while measuring capacity: ${JSON.stringify(capacityTally.byStatus)} ${JSON.stringify(capacityTally.errors)}`);

  const saturationP99Ms = capacityTally.ok.percentile(99);
  const normalRate = Math.max(1, capacity * options.normalShare);
  const normal = await runOpenProbe(options.target, { rate: normalRate, durationMs: options.normalMs, maxInFlight: 256 });
  const normalP99Ms = normal.ok.percentile(99);

  const rssBeforeMb = residentMb(options.pid) ?? null;
  let rssPeakMb = rssBeforeMb;
  const sampler = setInterval(() => {
    const now = residentMb(options.pid);
    if (now !== undefined) rssPeakMb = Math.max(rssPeakMb ?? 0, now);
  }, 250);

  const overloadRate = capacity * options.factor;
  const overloadStart = performance.now();
  const overload = runOpenProbe(options.target, { rate: overloadRate, durationMs: options.overloadMs, maxInFlight: 4_096 });
  // Recovery traffic starts as the overload's last request is due, at the normal rate.
  await sleep(options.overloadMs - (performance.now() - overloadStart));
  const overloadEnd = performance.now();
  const afterAnswers: TimedAnswer[] = [];
  const recovery = runOpenProbe(options.target, {
    rate: normalRate,
    durationMs: options.recoveryWatchMs,
    maxInFlight: 256,
    onAnswer: (answer: ProbeAnswer) => afterAnswers.push({ intendedMs: answer.intendedMs, latencyMs: answer.doneMs - answer.intendedMs, ok: answer.status === 200 }),
  });
  const [tally, after] = await Promise.all([overload, recovery]);
  clearInterval(sampler);

  const shed = tally.count(503) + tally.count(429);
  const answered = tally.answered;
  const admitted = tally.count(200);
  const bound = normalP99Ms === null ? null : Math.max(2 * normalP99Ms, normalP99Ms + 5);
  return {
    capacity,
    saturationP99Ms,
    normalP99Ms,
    overloadRate,
    sent: tally.sent,
    answered,
    admitted,
    shed,
    shedShare: answered === 0 ? 0 : shed / answered,
    shedWithRetryAfter: tally.shedWithRetryAfter,
    otherFailures: tally.sent - admitted - shed,
    otherFailureKinds: {
      ...tally.errors,
      ...Object.fromEntries(Object.entries(tally.byStatus).filter(([status]) => !['200', '503', '429'].includes(status))),
    },
    admittedP99Ms: tally.ok.percentile(99),
    admittedBoundMs: saturationP99Ms === null ? null : options.queueTimeoutMs + saturationP99Ms,
    rssBeforeMb,
    rssPeakMb,
    rssGrowthMb: rssBeforeMb === null || rssPeakMb === null ? null : rssPeakMb - rssBeforeMb,
    // Recovered: 2 s (8 windows of 250 ms) in a row within the bound.
    recoveryMs: bound === null ? null : recoveryTimeMs(afterAnswers, overloadEnd, bound, 250, 8),
    afterSent: after.sent,
    afterOk: after.count(200),
  };
}
