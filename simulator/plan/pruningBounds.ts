// Exact pruning for the planner's search: a policy is stopped early only when it provably cannot be the
// recommendation, so the pruned search recommends exactly what the exhaustive grid does.
//
// At a checkpoint (second t of T), a policy is stopped when either
// 1. it can no longer meet the SLO: the requests that arrived in seconds outside the SLO already exceed
//    what the objective allows over the whole trace, (1 − objective) × total requests; or
// 2. it can no longer cost less than the cheapest policy (fixed or autoscaled) already found meeting the
//    SLO: pod-seconds so far + a lower bound on the rest > the best's pod-seconds (every policy runs on
//    the same instance, so cost is pod-seconds times one price; a tie is never stopped).
//
// The lower bound on the rest holds for any run that still meets the SLO. `need(s)` is the fewest ready
// replicas with which second s, starting with nothing queued, is within the SLO (the service model's
// latency and rejections only grow with a backlog and only shrink with replicas, so fewer ready replicas
// put s outside the SLO in any run). Billed pods are at least the ready ones and at least minReplicas m, so
// a second within the SLO costs max(need(s), m) and one outside at least m. The seconds a run may leave
// outside hold at most the remaining allowance R of requests, and each saves at most ρ_m per request,
// ρ_m = max over s of (max(need(s), m) − m) / arrivals(s). So the rest costs at least
// Σ_{s ≥ t} max(need(s), m) − ρ_m · R, and never less than m · (T − t).
// `need` assumes the queueing latency model; with a measured latency curve (not monotone in load in
// general) only the minReplicas bound is used.

import { compileServiceModel, createServiceSecond, initialServiceState, serviceStep, type CompiledServiceModel, type ServiceSecond } from '../service/serviceStep.ts';
import type { ServiceModel } from '../service/serviceModel.ts';
import type { Slo } from '../simulate/simulationResults.ts';

/** The bounds of one minReplicas value. */
export interface MinReplicasBound {
  /** `suffix[k]`: Σ over seconds s ≥ k · every of max(need(s), m). */
  readonly suffix: Float64Array;
  readonly rho: number;
}

/** What the checkpoints of every policy of one plan share (plain data: it travels to worker threads). */
export interface PruningBounds {
  /** Seconds between checkpoints. */
  readonly every: number;
  readonly seconds: number;
  /** Requests the objective allows outside the SLO over the whole trace, with a margin for rounding. */
  readonly allowance: number;
  readonly byMinReplicas: Readonly<Record<number, MinReplicasBound>>;
}

export type PruneReason = 'cannot-meet-slo' | 'cannot-beat-cheapest';

/** Precomputes the bounds for the given minReplicas values. One pass over the trace plus one per value. */
export function pruningBounds(arrivals: ArrayLike<number>, model: ServiceModel, slo: Slo, minReplicas: readonly number[], every = 3600): PruningBounds {
  const seconds = arrivals.length;
  const need = model.latencyCurve === undefined || model.latencyCurve.length === 0 ? neededReplicas(arrivals, model, slo) : new Uint32Array(seconds);
  let total = 0;
  for (let s = 0; s < seconds; s++) total += arrivals[s] as number;
  const byMinReplicas: Record<number, MinReplicasBound> = {};
  for (const m of new Set(minReplicas)) {
    const checkpoints = Math.ceil(seconds / every) + 1;
    const suffix = new Float64Array(checkpoints);
    let rho = 0;
    let sum = 0;
    for (let s = seconds - 1; s >= 0; s--) {
      const pods = Math.max(need[s]!, m);
      sum += pods;
      const a = arrivals[s] as number;
      if (a > 0 && pods > m) rho = Math.max(rho, (pods - m) / a);
      if (s % every === 0) suffix[s / every] = sum;
    }
    byMinReplicas[m] = { suffix, rho };
  }
  return { every, seconds, allowance: (1 - slo.objective) * total + 1e-9 * total + 1e-6, byMinReplicas };
}

/** Why a policy of minReplicas `m` stops at checkpoint `t`, or undefined to go on. */
export function pruneReason(bounds: PruningBounds, m: number, t: number, podSeconds: number, requestsMissed: number, bestPodSeconds: number): PruneReason | undefined {
  if (requestsMissed > bounds.allowance) return 'cannot-meet-slo';
  if (!Number.isFinite(bestPodSeconds)) return undefined;
  const bound = bounds.byMinReplicas[m];
  const floor = m * (bounds.seconds - t);
  const rest = bound === undefined ? floor : Math.max(floor, bound.suffix[t / bounds.every]! - bound.rho * (bounds.allowance - requestsMissed));
  // The best arrives as replica-hours × 3600: allow for its rounding.
  return podSeconds + rest > bestPodSeconds * (1 + 1e-12) + 1e-6 ? 'cannot-beat-cheapest' : undefined;
}

/** need(s) for every second: the fewest ready replicas with which it is within the SLO from an empty queue (0 if none). */
function neededReplicas(arrivals: ArrayLike<number>, model: ServiceModel, slo: Slo): Uint32Array {
  const compiled = compileServiceModel(model);
  const out = createServiceSecond();
  const need = new Uint32Array(arrivals.length);
  // Poisson-sampled traces repeat the same whole counts millions of times.
  const memo = new Map<number, number>();
  for (let s = 0; s < arrivals.length; s++) {
    const a = arrivals[s] as number;
    if (!(a > 0)) continue;
    let n = memo.get(a);
    if (n === undefined) {
      n = fewestReplicas(compiled, a, slo, out);
      memo.set(a, n);
    }
    need[s] = n;
  }
  return need;
}

const maxSearchedReplicas = 100_000;

function fewestReplicas(compiled: CompiledServiceModel, a: number, slo: Slo, out: ServiceSecond): number {
  const within = (replicas: number) => {
    serviceStep(compiled, initialServiceState(), a, replicas, out);
    return out.rejected === 0 && out[slo.percentile] < slo.thresholdMs;
  };
  let hi = Math.max(1, Math.ceil(a / compiled.capacity));
  while (!within(hi)) {
    hi *= 2;
    if (hi > maxSearchedReplicas) return 0; // no replica count keeps this second within the SLO: no bound from it
  }
  let lo = 0; // within(lo) is false (or lo is 0)
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (within(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
