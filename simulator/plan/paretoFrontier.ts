// The cost vs SLO-attainment Pareto frontier: a point is on it when no other point is at most as costly
// and at least as good with one of the two strictly better.

export interface ParetoPoint {
  readonly cost: number;
  readonly attainment: number;
}

/** One flag per point, in the given order. */
export function paretoFrontier(points: readonly ParetoPoint[]): boolean[] {
  return points.map((p) => !points.some((q) => q.cost <= p.cost && q.attainment >= p.attainment && (q.cost < p.cost || q.attainment > p.attainment)));
}
