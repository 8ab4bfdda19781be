// round-robin: the healthy replicas in turn, in ascending id order.

import type { BalancingStrategy, ReplicaView } from './balancingStrategy.ts';
import { nextInRotation } from './rotation.ts';

/** Each pick goes to the healthy replica with the next id after the previous pick's, wrapping around. */
export class RoundRobin implements BalancingStrategy {
  readonly name = 'round-robin';
  private lastId: number | undefined;

  pick(replicas: readonly ReplicaView[]): number | undefined {
    const ids = replicas.filter((r) => r.healthy).map((r) => r.id);
    if (ids.length === 0) return undefined;
    this.lastId = nextInRotation(ids, this.lastId);
    return this.lastId;
  }
}
