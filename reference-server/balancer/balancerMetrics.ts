// The balancer's own Prometheus series (prom-client), each with a `replica` label, in a registry of its own.

import client from 'prom-client';
import { isHealthy, type Replica } from './replica.ts';

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface BalancerMetrics {
  readonly registry: client.Registry;
  /** Attempts sent to a replica, by the status it answered (`error` when it could not be reached). */
  readonly requests: client.Counter<'replica' | 'status'>;
  readonly requestDuration: client.Histogram<'replica'>;
  readonly retries: client.Counter<'replica'>;
  readonly noHealthyReplica: client.Counter;
}

/** `replicas` is read at scrape time for the gauges (in flight, health, ejections, restarts). */
export function createBalancerMetrics(replicas: readonly Replica[], nowMs: () => number): BalancerMetrics {
  const registry = new client.Registry();
  // The event-loop lag is sampled every 100 ms, not prom-client's 10: each sample wakes the process, and
  // at 10 ms the idle balancer spent 4 ms of CPU a second (40 µs a request at 100 req/s), at 100 ms 1 ms.
  client.collectDefaultMetrics({ register: registry, prefix: 'infercap_balancer_', eventLoopMonitoringPrecision: 100 });
  const registers = [registry];
  const perReplica = (name: string, help: string, value: (replica: Replica) => number) =>
    new client.Gauge({
      name,
      help,
      labelNames: ['replica'] as const,
      registers,
      collect() {
        for (const replica of replicas) this.set({ replica: String(replica.id) }, value(replica));
      },
    });
  perReplica('infercap_balancer_in_flight', 'Requests sent to the replica and not yet answered', (r) => r.inFlight);
  perReplica('infercap_balancer_replica_healthy', '1 while the replica is in rotation (running, ready, not ejected)', (r) => (isHealthy(r, nowMs()) ? 1 : 0));
  perReplica('infercap_balancer_ejections', 'Times passive outlier detection ejected the replica', (r) => r.outlier.ejections);
  perReplica('infercap_balancer_restarts', 'Times the supervisor restarted the replica', (r) => r.restarts);
  return {
    registry,
    requests: new client.Counter({
      name: 'infercap_balancer_requests_total',
      help: 'Requests the balancer sent to each replica, by HTTP status (error: not reached)',
      labelNames: ['replica', 'status'],
      registers,
    }),
    requestDuration: new client.Histogram({
      name: 'infercap_balancer_request_duration_seconds',
      help: 'Time from sending a request to a replica to its whole answer',
      labelNames: ['replica'],
      buckets: latencyBuckets,
      registers,
    }),
    retries: new client.Counter({
      name: 'infercap_balancer_retries_total',
      help: 'Requests that failed on the replica (no connection, or 503 before any work) and were retried on another',
      labelNames: ['replica'],
      registers,
    }),
    noHealthyReplica: new client.Counter({
      name: 'infercap_balancer_no_healthy_replica_total',
      help: 'Requests answered 503 at once because no replica was healthy',
      registers,
    }),
  };
}
