// When a sweep level is sustainable: the target kept up with the load it was offered, dropped nothing, and
// kept p99 within the budget. A level past saturation can still show a p99 within budget for a while (its
// queue has not grown enough yet), so latency alone would put the knee at or past saturation.

/** A level's figures that decide it (over the level's last measurement windows, taken together). */
export interface LevelFigures {
  /** Open loop: the requests that came due, per second (the rate asked of the target); null for a closed loop, which offers no rate. */
  readonly offeredRate: number | null;
  /** Successful responses per second. */
  readonly throughput: number;
  readonly dropped: number;
  /** Failed share of the requests due (drops included); null when nothing was due. */
  readonly errorRate: number | null;
  readonly p99: number | null;
}

/** Achieved (successful responses per second) over offered below this is not keeping up. */
export const minAchievedShare = 0.99;

/**
 * True when the level kept up: throughput ≥ 99 % of the offered rate (a closed loop, offering no rate:
 * at most 1 % of its requests failed), nothing dropped, and p99 ≤ `p99BudgetMs`.
 */
export function isSustainable(level: LevelFigures, p99BudgetMs: number): boolean {
  if (level.p99 === null || level.p99 > p99BudgetMs || level.dropped > 0 || level.errorRate === null) return false;
  return level.offeredRate === null ? level.errorRate <= 1 - minAchievedShare : level.throughput >= minAchievedShare * level.offeredRate;
}
