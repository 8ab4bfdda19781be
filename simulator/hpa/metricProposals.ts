// Kubernetes' computeReplicasForMetrics: one proposal per metric spec, the largest wins; a failed metric
// blocks the step only when every metric failed or when the valid ones would scale down.

import type { MetricSpec } from './hpaInput.ts';
import { MetricUnavailable } from './metricUnavailable.ts';
import { podMetrics } from './podGroups.ts';
import {
  averageValueTargetReplicas,
  plainMetricReplicas,
  resourceUtilizationReplicas,
  valueTargetReplicas,
  type CalculatorContext,
} from './replicaCalculator.ts';

/** One metric's line in the output: its proposal and current value, or why it could not be computed. */
export interface MetricReport {
  type: MetricSpec['type'];
  name: string;
  proposal?: number;
  /** Resource Utilization targets: integer percent of requests. */
  utilization?: number;
  /** Average per pod (milli). */
  averageValue?: number;
  /** Total value (milli), for Value targets. */
  value?: number;
  error?: string;
}

export interface MetricsOutcome {
  /** The largest valid proposal; undefined when the step must not scale (all invalid, or invalid + scale-down). */
  replicas: number | undefined;
  reports: MetricReport[];
  /** "invalid metrics (n invalid out of m), first error is: …" when any metric failed. */
  error?: string;
}

export interface MetricSources {
  objectMetrics: Record<string, number>;
  externalMetrics: Record<string, number[]>;
}

function nameOf(spec: MetricSpec): string {
  switch (spec.type) {
    case 'Resource':
      return spec.resource.name;
    case 'Pods':
      return spec.pods.metric.name;
    case 'Object':
      return spec.object.metric.name;
    case 'External':
      return spec.external.metric.name;
  }
}

/** computeReplicasForMetric: the proposal of one metric spec and its report line (throws MetricUnavailable). */
function proposalFor(ctx: CalculatorContext, spec: MetricSpec, sources: MetricSources): MetricReport {
  switch (spec.type) {
    case 'Resource': {
      const { name, target } = spec.resource;
      const metrics = podMetrics(ctx.pods, name);
      if (target.type === 'AverageValue') {
        const p = plainMetricReplicas(ctx, metrics, name, target.averageValue);
        return { type: spec.type, name, proposal: p.replicas, averageValue: p.usage };
      }
      const p = resourceUtilizationReplicas(ctx, metrics, name, target.averageUtilization);
      return { type: spec.type, name, proposal: p.replicas, utilization: p.usage, averageValue: p.rawAverageValue };
    }
    case 'Pods': {
      const name = spec.pods.metric.name;
      const p = plainMetricReplicas(ctx, podMetrics(ctx.pods, name), undefined, spec.pods.target.averageValue);
      return { type: spec.type, name, proposal: p.replicas, averageValue: p.usage };
    }
    case 'Object': {
      const name = spec.object.metric.name;
      const usage = sources.objectMetrics[name];
      if (usage === undefined) throw new MetricUnavailable(`unable to get metric ${name}: not found in objectMetrics`);
      return valueOrAverage(ctx, spec.type, name, usage, spec.object.target);
    }
    case 'External': {
      const name = spec.external.metric.name;
      const series = sources.externalMetrics[name];
      if (series === undefined || series.length === 0) throw new MetricUnavailable(`unable to get external metric ${name}: no metrics returned from external metrics API`);
      return valueOrAverage(ctx, spec.type, name, series.reduce((a, b) => a + b, 0), spec.external.target);
    }
  }
}

function valueOrAverage(
  ctx: CalculatorContext,
  type: MetricSpec['type'],
  name: string,
  usage: number,
  target: { type: 'Value'; value: number } | { type: 'AverageValue'; averageValue: number },
): MetricReport {
  if (target.type === 'Value') {
    const p = valueTargetReplicas(ctx, usage, target.value);
    return { type, name, proposal: p.replicas, value: p.usage };
  }
  const p = averageValueTargetReplicas(ctx, usage, target.averageValue);
  return { type, name, proposal: p.replicas, averageValue: p.usage };
}

/** computeReplicasForMetrics over all of spec.metrics. */
export function computeReplicasForMetrics(ctx: CalculatorContext, specs: readonly MetricSpec[], sources: MetricSources): MetricsOutcome {
  let replicas = 0;
  let invalid = 0;
  let firstError: string | undefined;
  const reports: MetricReport[] = [];
  for (const spec of specs) {
    try {
      const report = proposalFor(ctx, spec, sources);
      reports.push(report);
      const proposal = report.proposal ?? 0;
      if (replicas === 0 || proposal > replicas) replicas = proposal;
    } catch (error) {
      if (!(error instanceof MetricUnavailable)) throw error;
      firstError ??= error.message;
      invalid++;
      reports.push({ type: spec.type, name: nameOf(spec), error: error.message });
    }
  }
  const error = firstError === undefined ? undefined : `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError}`;
  const blocked = invalid >= specs.length || (invalid > 0 && replicas < ctx.currentReplicas);
  return error === undefined ? { replicas: blocked ? undefined : replicas, reports } : { replicas: blocked ? undefined : replicas, reports, error };
}
