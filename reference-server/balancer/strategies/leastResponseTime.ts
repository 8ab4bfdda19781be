// least-response-time: peak-EWMA of latency times outstanding load, as Finagle's PeakEwma and
// Linkerd (tower's PeakEwma) do: cost = latency estimate × (in flight + 1), lowest cost wins.

import type { BalancingStrategy, ReplicaView } from './balancingStrategy.ts';
import { nextInRotation } from './rotation.ts';

/** Default decay time constant, Finagle's and Linkerd's 10 s. */
export const DEFAULT_TAU_MS = 10_000;

/**
 * Cost of a replica that has requests in flight but has never answered: above any measured cost,
 * so a new or restarted replica is probed one request at a time until its first response (Finagle's
 * `Penalty`). An idle unmeasured replica costs 0 and is tried first.
 */
export const UNMEASURED_PENALTY = 1e12;

/** A replica's latency estimate as of its last observation. */
export interface PeakEwma {
  readonly latencyMs: number;
  readonly atMs: number;
}

/**
 * Folds one observed latency into the estimate, as Finagle's `PeakEwma.observe`: a latency above the
 * estimate replaces it at once (the peak); a lower one is averaged in with weight 1 - e^(-Δt/τ),
 * Δt being the time since the previous observation.
 */
export function observePeakEwma(
  estimate: PeakEwma | undefined,
  latencyMs: number,
  nowMs: number,
  tauMs: number,
): PeakEwma {
  if (estimate === undefined || latencyMs > estimate.latencyMs) return { latencyMs, atMs: nowMs };
  const w = Math.exp(-Math.max(nowMs - estimate.atMs, 0) / tauMs);
  return { latencyMs: estimate.latencyMs * w + latencyMs * (1 - w), atMs: nowMs };
}

/**
 * The estimate as read at `nowMs`: decayed toward zero with time constant τ since its last
 * observation, as Finagle's cost read (an observation of 0) does, so a replica that became
 * expensive and then stopped receiving traffic is eventually probed again. Reading stores nothing,
 * so the cost does not depend on how often the balancer asks.
 */
export function decayedLatencyMs(estimate: PeakEwma, nowMs: number, tauMs: number): number {
  return estimate.latencyMs * Math.exp(-Math.max(nowMs - estimate.atMs, 0) / tauMs);
}

/**
 * Picks the healthy replica of lowest cost = decayed peak-EWMA latency × (in flight + 1); exact ties
 * (typically idle unmeasured replicas at cost 0) go round-robin by id.
 */
export class LeastResponseTime implements BalancingStrategy {
  readonly name = 'least-response-time';
  private readonly estimates = new Map<number, PeakEwma>();
  private lastId: number | undefined;

  constructor(private readonly tauMs: number = DEFAULT_TAU_MS) {}

  pick(replicas: readonly ReplicaView[], nowMs: number): number | undefined {
    let lowest = Infinity;
    let tied: number[] = [];
    for (const replica of replicas) {
      if (!replica.healthy) continue;
      const cost = this.cost(replica, nowMs);
      if (cost < lowest) {
        lowest = cost;
        tied = [replica.id];
      } else if (cost === lowest) {
        tied.push(replica.id);
      }
    }
    if (tied.length === 0) return undefined;
    this.lastId = nextInRotation(tied, this.lastId);
    return this.lastId;
  }

  onRequestEnd(replicaId: number, latencyMs: number, nowMs: number): void {
    this.estimates.set(replicaId, observePeakEwma(this.estimates.get(replicaId), latencyMs, nowMs, this.tauMs));
  }

  /** The replica's decayed latency estimate at `nowMs`, or undefined before its first response. */
  latencyEstimateMs(replicaId: number, nowMs: number): number | undefined {
    const estimate = this.estimates.get(replicaId);
    return estimate === undefined ? undefined : decayedLatencyMs(estimate, nowMs, this.tauMs);
  }

  private cost(replica: ReplicaView, nowMs: number): number {
    const estimate = this.estimates.get(replica.id);
    if (estimate === undefined) return replica.inFlight === 0 ? 0 : UNMEASURED_PENALTY + replica.inFlight;
    return decayedLatencyMs(estimate, nowMs, this.tauMs) * (replica.inFlight + 1);
  }
}
