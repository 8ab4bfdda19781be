// A fleet's calibration seen per replica: what a sweep of N replicas behind the balancer measured, its
// rates divided by N and its latencies as measured. Calibrating one replica alone and multiplying assumes
// replicas do not slow each other; on a machine where they share cores with each other, the balancer and
// the load generator they do (bench:fidelity, quiet, mnist-wide, one ONNX Runtime thread a replica on 2
// cores: at the same load per replica, 2 replicas answered with p95 90.8 ms where 1 answered with 68.7 ms),
// and a calibration of the fleet itself carries that into the simulator.

import type { Calibration } from '../results/sweepResults.ts';

export function perReplicaCalibration(fleet: Calibration, replicas: number): Calibration {
  if (replicas === 1) return fleet;
  const share = (rate: number) => rate / replicas;
  return {
    ...fleet,
    maxSustainableThroughput: fleet.maxSustainableThroughput === null ? null : share(fleet.maxSustainableThroughput),
    peakThroughput: share(fleet.peakThroughput),
    serviceTimeMs: { ...fleet.serviceTimeMs, level: share(fleet.serviceTimeMs.level) },
    curve: fleet.curve.map((point) => ({ ...point, level: share(point.level), throughput: share(point.throughput) })),
  };
}
