// p2c: the power of two random choices (Mitzenmacher) on in-flight load, as Finagle and Envoy do.

import type { Rng } from '../../../common/prng.ts';
import type { BalancingStrategy, ReplicaView } from './balancingStrategy.ts';

/** Two distinct indices in [0, count), uniformly among the ordered pairs. `count` must be at least 2. */
export function sampleTwoDistinct(count: number, rng: Rng): [number, number] {
  const first = rng.nextInt(count);
  const other = rng.nextInt(count - 1);
  return [first, other >= first ? other + 1 : other];
}

/**
 * Samples two distinct healthy replicas and picks the one with fewer in flight (the first sample
 * on a tie, which is itself random). With a single healthy replica, that one.
 */
export class PowerOfTwoChoices implements BalancingStrategy {
  readonly name = 'p2c';

  constructor(private readonly rng: Rng) {}

  pick(replicas: readonly ReplicaView[]): number | undefined {
    const healthy = replicas.filter((r) => r.healthy);
    if (healthy.length <= 1) return healthy[0]?.id;
    const [i, j] = sampleTwoDistinct(healthy.length, this.rng);
    const a = healthy[i]!;
    const b = healthy[j]!;
    return b.inFlight < a.inFlight ? b.id : a.id;
  }
}
