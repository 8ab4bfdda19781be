// random: a uniformly random healthy replica.

import type { Rng } from '../../../common/prng.ts';
import type { BalancingStrategy, ReplicaView } from './balancingStrategy.ts';

/** Picks each healthy replica with equal probability, from the injected generator. */
export class RandomChoice implements BalancingStrategy {
  readonly name = 'random';

  constructor(private readonly rng: Rng) {}

  pick(replicas: readonly ReplicaView[]): number | undefined {
    const healthy = replicas.filter((r) => r.healthy);
    if (healthy.length === 0) return undefined;
    return healthy[this.rng.nextInt(healthy.length)]!.id;
  }
}
