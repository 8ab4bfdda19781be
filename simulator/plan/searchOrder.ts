// The order of the pruned search: the sooner the cheapest policy meeting the SLO is evaluated, the sooner
// every costlier one is stopped. A pilot simulates every candidate over one day around the trace's peak
// (1/87 of an 87-day trace each); candidates meeting the SLO there go first, cheapest first, then the
// rest, closest to meeting first. The order changes how fast the search is, never what it recommends.

import type { Evaluation, EvaluationJob } from './policyEvaluation.ts';

const pilotSeconds = 86_400;

/** The pilot's window: one day centred on the busiest second; none for traces of two days or less (no gain). */
export function pilotWindow(arrivals: ArrayLike<number>): readonly [number, number] | undefined {
  const n = arrivals.length;
  if (n <= 2 * pilotSeconds) return undefined;
  let peak = 0;
  for (let s = 1; s < n; s++) if ((arrivals[s] as number) > (arrivals[peak] as number)) peak = s;
  const start = Math.min(Math.max(0, peak - pilotSeconds / 2), n - pilotSeconds);
  return [start, start + pilotSeconds];
}

/** `jobs` in the pilot's order (stable: ties keep the grid's order). */
export function orderByPilot(jobs: readonly EvaluationJob[], pilots: ReadonlyMap<string, Evaluation>): EvaluationJob[] {
  const rank = (job: EvaluationJob) => pilots.get(job.id)!.summary;
  return [...jobs].sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    if (x.meetsSlo !== y.meetsSlo) return x.meetsSlo ? -1 : 1;
    return x.meetsSlo ? x.cost - y.cost : y.attainment.requests - x.attainment.requests;
  });
}
