// The knee of a throughput-latency curve: the highest load level that is sustainable (see sustainable.ts),
// Model Analyzer's question, "the most load this configuration takes while keeping up within the budget".

export interface CurvePoint {
  readonly level: number;
  readonly throughput: number;
  readonly p99: number | null;
  /** Whether the level was sustainable, as the sweep judged it; absent in files written before it did. */
  readonly sustainable?: boolean;
}

/**
 * The sustainable point of highest level; undefined when none is. A point without a `sustainable` verdict
 * (an older file) counts as sustainable when its p99 is within `p99BudgetMs`.
 */
export function kneeOf<T extends CurvePoint>(points: readonly T[], p99BudgetMs: number): T | undefined {
  let best: T | undefined;
  for (const point of points) {
    const sustainable = point.sustainable ?? (point.p99 !== null && point.p99 <= p99BudgetMs);
    if (sustainable && (best === undefined || point.level > best.level)) best = point;
  }
  return best;
}
