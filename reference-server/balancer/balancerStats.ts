// The JSON of `GET /balancer/stats`: per replica in-flight, counts, latency estimate, health, ejections,
// restarts, and fleet totals, built from the replicas as plain data.

import { isEjected } from './outlierEjection.ts';
import { isHealthy, latencyEstimateMs, type Replica } from './replica.ts';

export interface ReplicaStats {
  readonly id: number;
  readonly url: string | null;
  readonly pid: number | null;
  readonly process: Replica['process'];
  readonly healthy: boolean;
  readonly ready: boolean;
  readonly ejected: boolean;
  readonly weight: number;
  readonly slowdown: number;
  readonly inFlight: number;
  readonly requests: number;
  readonly failures: number;
  readonly retried: number;
  /** Peak-EWMA response time in ms (decayed to now), null before the first response. */
  readonly ewmaLatencyMs: number | null;
  readonly ejections: number;
  readonly restarts: number;
}

export interface BalancerStats {
  readonly strategy: string;
  readonly draining: boolean;
  readonly replicas: readonly ReplicaStats[];
  readonly totals: {
    readonly requests: number;
    readonly inFlight: number;
    /** Client requests that needed a second replica. */
    readonly retries: number;
    /** Client requests answered 503 at once because no replica was healthy. */
    readonly noHealthyReplica: number;
    readonly healthyReplicas: number;
  };
}

export interface BalancerCounters {
  /** Client requests received by the proxy (not the balancer's own routes). */
  readonly requests: number;
  readonly inFlight: number;
  readonly retries: number;
  readonly noHealthyReplica: number;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

export function balancerStats(strategy: string, draining: boolean, replicas: readonly Replica[], counters: BalancerCounters, nowMs: number): BalancerStats {
  const rows = replicas.map((r): ReplicaStats => {
    const latency = latencyEstimateMs(r, nowMs);
    return {
      id: r.id,
      url: r.url ?? null,
      pid: r.pid ?? null,
      process: r.process,
      healthy: isHealthy(r, nowMs),
      ready: r.ready,
      ejected: isEjected(r.outlier, nowMs),
      weight: r.weight,
      slowdown: r.slowdown,
      inFlight: r.inFlight,
      requests: r.requests,
      failures: r.failures,
      retried: r.retried,
      ewmaLatencyMs: latency === undefined ? null : round3(latency),
      ejections: r.outlier.ejections,
      restarts: r.restarts,
    };
  });
  return {
    strategy,
    draining,
    replicas: rows,
    totals: { ...counters, healthyReplicas: rows.filter((r) => r.healthy).length },
  };
}
