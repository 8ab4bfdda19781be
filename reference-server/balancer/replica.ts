// One replica as the balancer tracks it: where it listens now, whether it may take traffic, and its counts.

import type { ReplicaView } from './strategies/balancingStrategy.ts';
import { decayedLatencyMs, type PeakEwma } from './strategies/leastResponseTime.ts';
import { initialOutlierState, isEjected, type OutlierState } from './outlierEjection.ts';
import type { HttpConnections } from '../../common/http/httpConnections.ts';

/** The replica process's lifecycle as the supervisor sees it; `running` once it listens. */
export type ReplicaProcessState = 'starting' | 'running' | 'down' | 'stopped';

/** Decay time constant of the latency estimate shown in the stats (as least-response-time's default). */
export const STATS_TAU_MS = 10_000;

export interface Replica {
  /** Stable id 1..N, kept across restarts. */
  readonly id: number;
  readonly weight: number;
  readonly slowdown: number;
  /** http://127.0.0.1:port of the current process, undefined while there is none. */
  url: string | undefined;
  /** Keep-alive connections to the current process (new ones per process, so no socket outlives it). */
  connections: HttpConnections | undefined;
  pid: number | undefined;
  process: ReplicaProcessState;
  /** The last active health check (or the supervisor's first probe) found it ready. */
  ready: boolean;
  outlier: OutlierState;
  inFlight: number;
  /** Requests sent to it (retries included), and those that failed to connect or got a 5xx. */
  requests: number;
  failures: number;
  /** Requests that failed here and were retried on another replica. */
  retried: number;
  restarts: number;
  /** Peak-EWMA of its response times, for the stats (strategies keep their own). */
  latency: PeakEwma | undefined;
}

export function createReplica(id: number, weight = 1, slowdown = 1): Replica {
  return {
    id,
    weight,
    slowdown,
    url: undefined,
    connections: undefined,
    pid: undefined,
    process: 'starting',
    ready: false,
    outlier: initialOutlierState,
    inFlight: 0,
    requests: 0,
    failures: 0,
    retried: 0,
    restarts: 0,
    latency: undefined,
  };
}

/** In rotation: its process listens, its last health check passed, and it is not ejected. */
export function isHealthy(replica: Replica, nowMs: number): boolean {
  return replica.process === 'running' && replica.url !== undefined && replica.ready && !isEjected(replica.outlier, nowMs);
}

/** What strategies see; `exclude` marks a replica unhealthy for this choice (the one a retry leaves). */
export function replicaViews(replicas: readonly Replica[], nowMs: number, exclude?: number): ReplicaView[] {
  return replicas.map((r) => ({ id: r.id, weight: r.weight, inFlight: r.inFlight, healthy: r.id !== exclude && isHealthy(r, nowMs) }));
}

export function latencyEstimateMs(replica: Replica, nowMs: number): number | undefined {
  return replica.latency === undefined ? undefined : decayedLatencyMs(replica.latency, nowMs, STATS_TAU_MS);
}
