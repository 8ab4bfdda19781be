// The interface every balancing strategy implements: a choice among replicas seen as plain data.

/** What a strategy sees of one replica at the moment it chooses. */
export interface ReplicaView {
  /** Stable replica id (1..N), kept across restarts of the replica process. */
  readonly id: number;
  /** Relative share of traffic for `weighted-round-robin` (a positive integer); other strategies ignore it. */
  readonly weight: number;
  /** Requests sent to this replica and not yet answered, as the balancer counts them. */
  readonly inFlight: number;
  /** False while the replica is down, not ready, or ejected: it is never chosen then. */
  readonly healthy: boolean;
}

/**
 * Chooses the replica for the next request. Strategies keep their own small state (a rotation
 * cursor, weights, latency estimates) and never read a clock or a global random source: the time
 * comes in as arguments and randomness through the factory's `rng`, so every choice is reproducible.
 */
export interface BalancingStrategy {
  /** The registered name, e.g. `p2c`. */
  readonly name: string;
  /**
   * The id of the chosen replica among the healthy ones, or undefined when none is healthy.
   * @param nowMs the balancer's monotonic clock in ms (only `least-response-time` uses it).
   */
  pick(replicas: readonly ReplicaView[], nowMs: number): number | undefined;
  /**
   * Reports that a request to `replicaId` got its response (or failed) after `latencyMs`, at `nowMs`.
   * Only strategies that learn from latency implement it.
   */
  onRequestEnd?(replicaId: number, latencyMs: number, nowMs: number): void;
}
