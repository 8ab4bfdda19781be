// least-connections: the healthy replica with the fewest requests in flight.

import type { BalancingStrategy, ReplicaView } from './balancingStrategy.ts';
import { nextInRotation } from './rotation.ts';

/**
 * Picks a healthy replica with the fewest in flight. Ties (common at low load, when all are idle)
 * go round-robin by id among the tied replicas, so an idle fleet is still used evenly rather than
 * always sending to the lowest id.
 */
export class LeastConnections implements BalancingStrategy {
  readonly name = 'least-connections';
  private lastId: number | undefined;

  pick(replicas: readonly ReplicaView[]): number | undefined {
    let fewest = Infinity;
    let tied: number[] = [];
    for (const replica of replicas) {
      if (!replica.healthy) continue;
      if (replica.inFlight < fewest) {
        fewest = replica.inFlight;
        tied = [replica.id];
      } else if (replica.inFlight === fewest) {
        tied.push(replica.id);
      }
    }
    if (tied.length === 0) return undefined;
    this.lastId = nextInRotation(tied, this.lastId);
    return this.lastId;
  }
}
