// The grid of HPA settings the planner searches: targets per metric, minimum and maximum replicas,
// scale-down stabilization windows and scale-up policies, each turned into an autoscaling/v2 spec.

import type { HpaPolicyDeclaration } from '../policy/hpaPolicySchema.ts';
import { simulatedMetrics } from '../policy/hpaPolicySchema.ts';
import type { CandidateSettings } from './planResults.ts';

export type PlanMetric = CandidateSettings['metric'];

export interface GridOptions {
  readonly metrics: readonly PlanMetric[];
  /** Targets per metric in its natural unit; absent metrics take `defaultTargets`. */
  readonly targets?: Partial<Record<PlanMetric, readonly number[]>>;
  readonly minReplicas: readonly number[];
  readonly maxReplicas: number;
  readonly scaleDownWindows: readonly number[];
  readonly scaleUp: readonly { readonly windowSeconds: number; readonly pods: number; readonly percent: number; readonly periodSeconds: number }[];
}

/** Default targets from a replica's capacity (req/s) and mean service time (ms). */
export function defaultTargets(capacity: number, serviceMeanMs: number, sloMs: number): Record<PlanMetric, number[]> {
  const fractions = [0.5, 0.6, 0.7, 0.8, 0.9];
  const round = (x: number) => Number(x.toPrecision(3));
  return {
    cpu: [40, 50, 60, 70, 80],
    rps: fractions.map((f) => round(f * capacity)),
    inflight: fractions.map((f) => round((f * capacity * Math.max(serviceMeanMs, 0.001)) / 1000)),
    p95: [0.3, 0.5, 0.7].map((f) => round(f * sloMs)),
  };
}

export function candidateSettings(grid: GridOptions, targets: Record<PlanMetric, readonly number[]>): CandidateSettings[] {
  const settings: CandidateSettings[] = [];
  for (const metric of grid.metrics)
    for (const target of grid.targets?.[metric] ?? targets[metric])
      for (const minReplicas of grid.minReplicas)
        for (const scaleDownStabilizationSeconds of grid.scaleDownWindows)
          for (const up of grid.scaleUp)
            settings.push({
              metric,
              target,
              minReplicas: Math.min(minReplicas, grid.maxReplicas),
              maxReplicas: grid.maxReplicas,
              scaleUpStabilizationSeconds: up.windowSeconds,
              scaleDownStabilizationSeconds,
              scaleUpPods: up.pods,
              scaleUpPercent: up.percent,
              scaleUpPeriodSeconds: up.periodSeconds,
            });
  const seen = new Set<string>();
  return settings.filter((s) => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const units: Record<PlanMetric, string> = { cpu: '% CPU', rps: 'req/s per pod', inflight: 'in flight per pod', p95: 'ms p95' };

export function candidateLabel(s: CandidateSettings): string {
  return `${s.metric} ${s.target} ${units[s.metric]}, ${s.minReplicas}–${s.maxReplicas} replicas, down window ${s.scaleDownStabilizationSeconds} s, up ${s.scaleUpPods} pods/${s.scaleUpPercent} % per ${s.scaleUpPeriodSeconds} s`;
}

/** The HPA policy of one grid point (quantities in milli-units). */
export function candidatePolicy(s: CandidateSettings, serviceName: string): HpaPolicyDeclaration {
  const milli = (x: number) => Math.max(1, Math.round(x * 1000));
  const metric = (() => {
    switch (s.metric) {
      case 'cpu':
        return { type: 'Resource' as const, resource: { name: 'cpu' as const, target: { type: 'Utilization' as const, averageUtilization: Math.round(s.target) } } };
      case 'rps':
        return { type: 'Pods' as const, pods: { metric: { name: simulatedMetrics.requestsPerSecond }, target: { type: 'AverageValue' as const, averageValue: milli(s.target) } } };
      case 'inflight':
        return { type: 'Pods' as const, pods: { metric: { name: simulatedMetrics.inflight }, target: { type: 'AverageValue' as const, averageValue: milli(s.target) } } };
      case 'p95':
        // latency_p95_seconds: milli-units of seconds are milliseconds.
        return {
          type: 'Object' as const,
          object: {
            metric: { name: simulatedMetrics.p95 },
            describedObject: { apiVersion: 'v1', kind: 'Service', name: serviceName },
            target: { type: 'Value' as const, value: Math.max(1, Math.round(s.target)) },
          },
        };
    }
  })();
  return {
    kind: 'hpa',
    spec: {
      minReplicas: Math.max(1, s.minReplicas),
      maxReplicas: s.maxReplicas,
      metrics: [metric],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: s.scaleUpStabilizationSeconds,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: s.scaleUpPods, periodSeconds: s.scaleUpPeriodSeconds },
            { type: 'Percent', value: s.scaleUpPercent, periodSeconds: s.scaleUpPeriodSeconds },
          ],
        },
        scaleDown: { stabilizationWindowSeconds: s.scaleDownStabilizationSeconds },
      },
    },
  };
}
