// Fault: Redis killed during a cached run. Redis is an optimisation, never a dependency: every
// prediction must still succeed, the hit rate falls to 0 while it is down and comes back with it.

import { runOpenProbe, type ProbeAnswer, type ProbeTarget } from '../support/probeTraffic.ts';

/** The Redis server of the run, as the suite controls it. */
export interface RedisControl {
  /** SIGKILL, as an outage would. */
  kill(): Promise<void>;
  /** A fresh, empty Redis on the same port. */
  restart(): Promise<void>;
}

export interface RedisOutageOptions {
  /** Repeated inputs (a small pool of bodies), so that a healthy cache hits. */
  readonly target: ProbeTarget;
  readonly redis: RedisControl;
  readonly rate: number;
  readonly beforeMs: number;
  readonly outageMs: number;
  readonly afterMs: number;
}

export interface PeriodFigures {
  readonly requests: number;
  readonly hits: number;
  readonly hitRate: number;
}

export interface RedisOutageFigures {
  readonly requests: number;
  /** Requests that did not get a 200 prediction. */
  readonly failedPredictions: number;
  readonly before: PeriodFigures;
  /** Requests due while Redis was down (from the kill until the restart completed). */
  readonly outage: PeriodFigures;
  /** Requests due after Redis was back. */
  readonly after: PeriodFigures;
  /** From Redis being back to the first cache hit. */
  readonly firstHitAfterMs: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function period(answers: readonly ProbeAnswer[]): PeriodFigures {
  const hits = answers.filter((a) => a.cache === 'hit').length;
  return { requests: answers.length, hits, hitRate: answers.length === 0 ? 0 : hits / answers.length };
}

export async function runRedisOutage(options: RedisOutageOptions): Promise<RedisOutageFigures> {
  const answers: ProbeAnswer[] = [];
  const total = options.beforeMs + options.outageMs + options.afterMs;
  const load = runOpenProbe(options.target, { rate: options.rate, durationMs: total, maxInFlight: 256, onAnswer: (a) => answers.push(a) });
  await sleep(options.beforeMs);
  const killedAt = performance.now();
  await options.redis.kill();
  await sleep(Math.max(0, options.outageMs - (performance.now() - killedAt)));
  await options.redis.restart();
  const backAt = performance.now();
  const tally = await load;

  const firstHit = answers.filter((a) => a.cache === 'hit' && a.intendedMs >= backAt).map((a) => a.doneMs).sort((a, b) => a - b)[0];
  return {
    requests: tally.sent,
    failedPredictions: tally.sent - tally.count(200),
    before: period(answers.filter((a) => a.intendedMs < killedAt)),
    outage: period(answers.filter((a) => a.intendedMs >= killedAt && a.doneMs < backAt)),
    after: period(answers.filter((a) => a.intendedMs >= backAt)),
    firstHitAfterMs: firstHit === undefined ? null : firstHit - backAt,
  };
}
