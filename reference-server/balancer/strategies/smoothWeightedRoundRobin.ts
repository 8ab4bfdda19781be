// weighted-round-robin: nginx's smooth weighted round robin (ngx_http_upstream_get_peer), which
// interleaves picks (5:1:1 gives a a b a c a a) instead of sending runs of requests to one replica.

import type { BalancingStrategy, ReplicaView } from './balancingStrategy.ts';

/**
 * On each pick every healthy replica's current weight grows by its weight; the replica with the
 * largest current weight wins (the first in the given order on a tie, as nginx's strict `>`) and
 * loses the total of the healthy weights. Unhealthy replicas are skipped and keep their current
 * weight, as nginx skips down peers. nginx also lowers a peer's effective weight after failures;
 * here failures are handled by the balancer marking the replica unhealthy, so effective weight = weight.
 */
export class SmoothWeightedRoundRobin implements BalancingStrategy {
  readonly name = 'weighted-round-robin';
  private readonly currentWeights = new Map<number, number>();

  pick(replicas: readonly ReplicaView[]): number | undefined {
    let total = 0;
    let best: number | undefined;
    let bestWeight = -Infinity;
    for (const replica of replicas) {
      if (!replica.healthy) continue;
      const current = (this.currentWeights.get(replica.id) ?? 0) + replica.weight;
      this.currentWeights.set(replica.id, current);
      total += replica.weight;
      if (best === undefined || current > bestWeight) {
        best = replica.id;
        bestWeight = current;
      }
    }
    if (best !== undefined) this.currentWeights.set(best, bestWeight - total);
    return best;
  }
}
