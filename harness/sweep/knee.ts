// The knee of a throughput-latency curve under a latency budget: Model Analyzer's question, "the most
// throughput this configuration gives while p99 stays within the budget".

export interface CurvePoint {
  readonly level: number;
  readonly throughput: number;
  readonly p99: number | null;
}

/** The point of highest throughput whose p99 is within `p99BudgetMs`; undefined when none is. */
export function kneeOf<T extends CurvePoint>(points: readonly T[], p99BudgetMs: number): T | undefined {
  let best: T | undefined;
  for (const point of points) {
    if (point.p99 === null || point.p99 > p99BudgetMs) continue;
    if (best === undefined || point.throughput > best.throughput) best = point;
  }
  return best;
}
