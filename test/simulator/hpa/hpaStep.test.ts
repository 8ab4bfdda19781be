import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInfercapError } from '../../../common/errors.ts';
import { parseHpaInput } from '../../../simulator/hpa/hpaInput.ts';
import { hpaStep, type HpaStepOutput } from '../../../simulator/hpa/hpaStep.ts';

// Each case states where its expected number comes from: the function of
// pkg/controller/podautoscaler (replica_calculator.go, horizontal.go) and the arithmetic it does.

const NOW = 1000;
const cpu = (averageUtilization: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization } } });
const podsMetric = (name: string, averageValue: number) => ({ type: 'Pods', pods: { metric: { name }, target: { type: 'AverageValue', averageValue } } });
const objectValue = (name: string, value: number) => ({ type: 'Object', object: { metric: { name }, target: { type: 'Value', value } } });
const externalValue = (name: string, value: number) => ({ type: 'External', external: { metric: { name }, target: { type: 'Value', value } } });
/** kube-controller-manager's --feature-gates. */
const gates = (featureGates: Record<string, boolean>) => ({ featureGates });
/** A pod with the given CPU request and usage (undefined: no sample), as upstream's per-pod sums of its 2 containers. */
const cpuPod = (name: string, request: number, usage: number | undefined, extra: Record<string, unknown> = {}) => ({
  name,
  requests: { cpu: request },
  metrics: usage === undefined ? {} : { cpu: usage },
  ...extra,
});
const externalAverage = (name: string, averageValue: number) => ({
  type: 'External',
  external: { metric: { name }, target: { type: 'AverageValue', averageValue } },
});
/** Pods with a 1000m CPU request and the given CPU usage (undefined: no sample). */
const cpuPods = (...usages: (number | undefined)[]) =>
  usages.map((u, i) => ({ name: `p${i}`, requests: { cpu: 1000 }, metrics: u === undefined ? {} : { cpu: u } }));
const rpsPods = (...values: number[]) => values.map((v, i) => ({ name: `p${i}`, metrics: { rps: v } }));

interface Case {
  name: string;
  /** Where the expected number comes from. */
  source: string;
  input: Record<string, unknown>;
  desired: number;
  condition?: HpaStepOutput['condition'];
  check?: (out: HpaStepOutput) => void;
}

function run(input: Record<string, unknown>): HpaStepOutput {
  return hpaStep(parseHpaInput({ now: NOW, recommendations: [], ...input }, 'test'));
}

const cases: Case[] = [
  {
    name: "docs example: 200m against a 100m target doubles the replicas",
    source: 'HPA docs: desired = ceil(current × 200/100); calcPlainMetricReplicas: ceil(2.0 × 2 ready pods) = 4',
    input: { spec: { minReplicas: 1, maxReplicas: 10, metrics: [podsMetric('rps', 100)] }, currentReplicas: 2, pods: rpsPods(200, 200) },
    desired: 4,
    condition: 'DesiredWithinRange',
    check: (out) => assert.deepEqual(out.metrics, [{ type: 'Pods', name: 'rps', proposal: 4, averageValue: 200 }]),
  },
  {
    name: 'docs example: 50m against a 100m target halves the replicas',
    source: 'HPA docs: ceil(4 × 50/100) = 2; empty history, so stabilizeRecommendation keeps 2',
    input: { spec: { maxReplicas: 10, metrics: [podsMetric('rps', 100)] }, currentReplicas: 4, pods: rpsPods(50, 50, 50, 50) },
    desired: 2,
  },
  {
    name: 'CPU utilization: integer percent of requests',
    source: 'GetResourceUtilizationRatio: (1500×100)/1500 = 100 %, ratio 100/50 = 2; GetResourceReplicas: ceil(2 × 3) = 6 ≤ scale-up limit max(2×3, 4)',
    input: { spec: { maxReplicas: 10, metrics: [cpu(50)] }, currentReplicas: 3, pods: cpuPods(1000, 1000, 1000) },
    desired: 6,
    check: (out) => assert.deepEqual(out.metrics, [{ type: 'Resource', name: 'cpu', proposal: 6, utilization: 100, averageValue: 1000 }]),
  },
  {
    name: 'CPU utilization truncates to an integer percent',
    source: 'utilization = (1648×100)/3000 = 54 (int division of 164800/3000 = 54.93), ratio 1.08 ≤ 1 + 0.1: within tolerance, keep 3',
    input: { spec: { maxReplicas: 10, metrics: [cpu(50)] }, currentReplicas: 3, pods: cpuPods(549, 550, 549) },
    desired: 3,
    check: (out) => assert.equal(out.metrics[0]?.utilization, 54),
  },
  {
    name: 'tolerance: a ratio of exactly 1.1 is within the default tolerance',
    source: 'Tolerances.isWithin: 0.9 <= 55/50 = 1.1 <= 1.1 (inclusive) → currentReplicas',
    input: { spec: { maxReplicas: 10, metrics: [cpu(50)] }, currentReplicas: 3, pods: cpuPods(550, 550, 550) },
    desired: 3,
  },
  {
    name: 'per-direction behavior.scaleUp.tolerance narrows the dead band (HPAConfigurableTolerance on)',
    source: 'tolerancesForHpa: scaleUp 0.05; ratio 54/50 = 1.08 > 1.05 → ceil(1.08 × 3) = 4; default scale-up policies allow max(3+4, ceil(3×2)) = 7',
    input: {
      controller: gates({ HPAConfigurableTolerance: true }),
      spec: { maxReplicas: 10, metrics: [cpu(50)], behavior: { scaleUp: { tolerance: 0.05 } } },
      currentReplicas: 3,
      pods: cpuPods(540, 540, 540),
    },
    desired: 4,
    check: (out) => assert.deepEqual(out.scaleUpEvents, [{ replicaChange: 1, timestamp: NOW, outdated: false }]),
  },
  {
    name: 'missing metrics on scale-up count as 0 % and can cancel the scale-up',
    source: 'GetResourceReplicas: first 1600×100/2000 = 80 %, ratio 1.6 > 1 → missing p2 = 0; again 1600×100/3000 = 53 %, ratio 1.06 within tolerance → keep 3 (naive ceil(1.6×2) = 4)',
    input: { spec: { maxReplicas: 10, metrics: [cpu(50)] }, currentReplicas: 3, pods: cpuPods(800, 800, undefined) },
    desired: 3,
  },
  {
    name: 'missing metrics on scale-down count as 100 % of their request',
    source: 'GetResourceReplicas: first 0 %, ratio 0 < 1 → missing p2 = its request 1000; 1000×100/3000 = 33 %, ratio 0.66 → ceil(0.66 × 3) = 2 (naive would be 0)',
    input: { spec: { maxReplicas: 10, metrics: [cpu(50)] }, currentReplicas: 3, pods: cpuPods(0, 0, undefined) },
    desired: 2,
  },
  {
    name: 'unready pods count as 0 % on a scale-up',
    source: 'groupPods: p2 unready (within the CPU initialization period, not ready); first 100 %, ratio 2 → p2 = 0: 2000×100/3000 = 66 %, 1.32 → ceil(1.32 × 3) = 4 (naive 8)',
    input: {
      spec: { maxReplicas: 10, metrics: [cpu(50)] },
      currentReplicas: 3,
      pods: [...cpuPods(1000, 1000), { name: 'p2', ready: false, startTime: NOW - 10, requests: { cpu: 1000 }, metrics: { cpu: 2000 } }],
    },
    desired: 4,
  },
  {
    name: 'unready pods cannot cause a scale-up (direction flip)',
    source: 'GetResourceReplicas: ratio 60/50 = 1.2 → unready p2 = 0: 1200×100/3000 = 40 %, ratio 0.8 < 1 flips direction → keep 3',
    input: {
      spec: { maxReplicas: 10, metrics: [cpu(50)] },
      currentReplicas: 3,
      pods: [...cpuPods(600, 600), { name: 'p2', ready: false, startTime: NOW - 10, requests: { cpu: 1000 }, metrics: { cpu: 3000 } }],
    },
    desired: 3,
  },
  {
    name: 'Pods AverageValue: integer average, and not-ready running pods still count for non-CPU metrics',
    source: 'GetMetricUsageRatio: (20000+10001)/2 = 15000 (int), ratio 1.5; groupPods checks readiness only for cpu → ceil(1.5 × 2) = 3',
    input: {
      spec: { maxReplicas: 10, metrics: [podsMetric('rps', 10000)] },
      currentReplicas: 2,
      pods: [{ name: 'p0', metrics: { rps: 20000 } }, { name: 'p1', ready: false, metrics: { rps: 10001 } }],
    },
    desired: 3,
    check: (out) => assert.equal(out.metrics[0]?.averageValue, 15000),
  },
  {
    name: 'Pods metric missing on scale-down is assumed at target',
    source: 'calcPlainMetricReplicas: avg 1000/target 4000 = 0.25 < 1 → missing p1 = 4000: (1000+4000)/2 = 2500, 0.625 → ceil(0.625 × 2) = 2 = current',
    input: { spec: { maxReplicas: 10, metrics: [podsMetric('rps', 4000)] }, currentReplicas: 2, pods: [{ name: 'p0', metrics: { rps: 1000 } }, { name: 'p1' }] },
    desired: 2,
  },
  {
    name: 'Object Value: ratio × ready pods',
    source: 'GetObjectMetricReplicas: 15000/10000 = 1.5; getUsageRatioReplicaCount: ceil(1.5 × 3 ready pods) = 5',
    input: { spec: { maxReplicas: 10, metrics: [objectValue('queue', 10000)] }, currentReplicas: 3, pods: rpsPods(0, 0, 0), objectMetrics: { queue: 15000 } },
    desired: 5,
    check: (out) => assert.deepEqual(out.metrics, [{ type: 'Object', name: 'queue', proposal: 5, value: 15000 }]),
  },
  {
    name: 'Object Value counts only running, ready pods',
    source: 'getReadyPodsCount: 2 of 3 pods ready → ceil(1.5 × 2) = 3',
    input: {
      spec: { maxReplicas: 10, metrics: [objectValue('queue', 10000)] },
      currentReplicas: 3,
      pods: [{ name: 'p0' }, { name: 'p1' }, { name: 'p2', ready: false }],
      objectMetrics: { queue: 15000 },
    },
    desired: 3,
  },
  {
    name: 'Object Value with minReplicas 0 scales up from zero',
    source: 'getUsageRatioReplicaCount with currentReplicas 0: ceil(25000/10000) = 3; scale-up limit max(2×0, 4) = 4',
    input: {
      controller: gates({ HPAScaleToZero: true }),
      spec: { minReplicas: 0, maxReplicas: 10, metrics: [objectValue('queue', 10000)] },
      currentReplicas: 0,
      objectMetrics: { queue: 25000 },
    },
    desired: 3,
  },
  {
    name: 'External AverageValue: total over the target per pod',
    source: 'GetExternalPerPodMetricReplicas: 8600/(2150×3) = 1.33 outside tolerance → ceil(8600/2150) = 4; reported average ceil(8600/3) = 2867',
    input: { spec: { maxReplicas: 10, metrics: [externalAverage('lag', 2150)] }, currentReplicas: 3, externalMetrics: { lag: [8000, 600] } },
    desired: 4,
    check: (out) => assert.deepEqual(out.metrics, [{ type: 'External', name: 'lag', proposal: 4, averageValue: 2867 }]),
  },
  {
    name: 'External AverageValue uses statusReplicas within tolerance',
    source: 'GetExternalPerPodMetricReplicas: 6450/(2150×3) = 1.0 within tolerance → statusReplicas 3',
    input: { spec: { maxReplicas: 10, metrics: [externalAverage('lag', 2150)] }, currentReplicas: 3, externalMetrics: { lag: [6450] } },
    desired: 3,
  },
  {
    name: 'several metrics: the largest proposal wins',
    source: 'computeReplicasForMetrics: max(Pods ceil(1.5×3) = 5, Object ceil(2.0×3) = 6) = 6',
    input: {
      spec: { maxReplicas: 10, metrics: [podsMetric('rps', 1000), objectValue('queue', 1000)] },
      currentReplicas: 3,
      pods: rpsPods(1500, 1500, 1500),
      objectMetrics: { queue: 2000 },
    },
    desired: 6,
  },
  {
    name: 'an invalid metric blocks a scale-down',
    source: 'computeReplicasForMetrics: 1 invalid and the valid proposal ceil(0.1×3) = 1 < spec replicas 3 → return -1 and an error: no scaling',
    input: {
      spec: { maxReplicas: 10, metrics: [podsMetric('rps', 1000), externalAverage('lag', 100)] },
      currentReplicas: 3,
      pods: rpsPods(100, 100, 100),
    },
    desired: 3,
    condition: 'InvalidMetrics',
    check: (out) => {
      assert.match(out.error ?? '', /^invalid metrics \(1 invalid out of 2\), first error is: unable to get external metric lag/);
      assert.equal(out.metrics[1]?.error?.startsWith('unable to get external metric lag'), true);
      assert.deepEqual(out.recommendations, []);
    },
  },
  {
    name: 'an invalid metric does not block a scale-up',
    source: 'computeReplicasForMetrics: 1 invalid, valid proposal ceil(2×3) = 6 ≥ 3 → scale with the valid ones',
    input: {
      spec: { maxReplicas: 10, metrics: [podsMetric('rps', 1000), externalAverage('lag', 100)] },
      currentReplicas: 3,
      pods: rpsPods(2000, 2000, 2000),
    },
    desired: 6,
    condition: 'DesiredWithinRange',
    check: (out) => assert.match(out.error ?? '', /1 invalid out of 2/),
  },
  {
    name: 'clamp: current 0 with minReplicas > 0 disables scaling',
    source: 'reconcileAutoscaler: currentReplicas == 0 && minReplicas != 0 → ScalingDisabled, no rescale',
    input: { spec: { minReplicas: 1, maxReplicas: 10, metrics: [podsMetric('rps', 1)] }, currentReplicas: 0 },
    desired: 0,
    condition: 'ScalingDisabled',
  },
  {
    name: 'clamp: above maxReplicas goes to max without reading metrics',
    source: 'reconcileAutoscaler: currentReplicas 8 > maxReplicas 6 → 6',
    input: { spec: { minReplicas: 1, maxReplicas: 6 }, currentReplicas: 8 },
    desired: 6,
    condition: 'TooManyReplicas',
    check: (out) => assert.deepEqual(out.metrics, []),
  },
  {
    name: 'clamp: below minReplicas goes to min',
    source: 'reconcileAutoscaler: currentReplicas 1 < minReplicas 2 → 2',
    input: { spec: { minReplicas: 2, maxReplicas: 6 }, currentReplicas: 1 },
    desired: 2,
    condition: 'TooFewReplicas',
  },
  {
    name: 'no behavior: scale-up limited to max(2 × current, 4)',
    source: 'convertDesiredReplicasWithRules: calculateScaleUpLimit(2) = max(4, 4) = 4 < maxReplicas 20',
    input: { spec: { maxReplicas: 20 }, currentReplicas: 2, prenormalizedDesiredReplicas: 10 },
    desired: 4,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'no behavior: maxReplicas below the scale-up limit',
    source: 'convertDesiredReplicasWithRules: limit 2×5 = 10 > max 8 → TooManyReplicas, 8',
    input: { spec: { maxReplicas: 8 }, currentReplicas: 5, prenormalizedDesiredReplicas: 10 },
    desired: 8,
    condition: 'TooManyReplicas',
  },
  {
    name: 'no behavior: a proposal below minReplicas',
    source: 'convertDesiredReplicasWithRules: 1 < minReplicas 2 → TooFewReplicas, 2',
    input: { spec: { minReplicas: 2, maxReplicas: 8 }, currentReplicas: 3, prenormalizedDesiredReplicas: 1 },
    desired: 2,
    condition: 'TooFewReplicas',
  },
  {
    name: 'no behavior: the downscale window keeps the highest recent recommendation',
    source: 'stabilizeRecommendation: window 300 s, {4 @ now-100} within → max(2, 4) = 4; {6 @ now-301} expired and replaced by {2 @ now}',
    input: {
      spec: { maxReplicas: 10 },
      currentReplicas: 5,
      prenormalizedDesiredReplicas: 2,
      recommendations: [{ replicas: 6, timestamp: NOW - 301 }, { replicas: 4, timestamp: NOW - 100 }],
    },
    desired: 4,
    check: (out) => assert.deepEqual(out.recommendations, [{ replicas: 2, timestamp: NOW }, { replicas: 4, timestamp: NOW - 100 }]),
  },
  {
    name: 'no behavior: a recommendation exactly at the window edge still counts',
    source: 'stabilizeRecommendation: expired only if timestamp.Before(now - 300); now-300 is not → max(2, 6) = 6',
    input: { spec: { maxReplicas: 10 }, currentReplicas: 6, prenormalizedDesiredReplicas: 2, recommendations: [{ replicas: 6, timestamp: NOW - 300 }] },
    desired: 6,
  },
  {
    name: 'no behavior: absent history is seeded with the current scale',
    source: 'reconcileAutoscaler seeds recommendations with {currentReplicas, now}; max(2, 4) = 4',
    input: { spec: { maxReplicas: 10 }, currentReplicas: 4, prenormalizedDesiredReplicas: 2, recommendations: null },
    desired: 4,
    check: (out) => assert.deepEqual(out.recommendations, [{ replicas: 4, timestamp: NOW }, { replicas: 2, timestamp: NOW }]),
  },
  {
    name: 'behavior defaults: scale-up max(4 pods, 100 %) per 15 s',
    source: 'calculateScaleUpLimitWithScalingRules: max(10 + 4, ceil(10 × 2)) = 20',
    input: { spec: { maxReplicas: 200, behavior: {} }, currentReplicas: 10, prenormalizedDesiredReplicas: 100 },
    desired: 20,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'behavior: selectPolicy Min takes the smaller scale-up',
    source: 'calculateScaleUpLimitWithScalingRules with Min: min(10 + 4, 20) = 14',
    input: { spec: { maxReplicas: 200, behavior: { scaleUp: { selectPolicy: 'Min' } } }, currentReplicas: 10, prenormalizedDesiredReplicas: 100 },
    desired: 14,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'behavior: selectPolicy Disabled forbids scaling up',
    source: 'calculateScaleUpLimitWithScalingRules: Disabled → currentReplicas 10',
    input: { spec: { maxReplicas: 200, behavior: { scaleUp: { selectPolicy: 'Disabled' } } }, currentReplicas: 10, prenormalizedDesiredReplicas: 100 },
    desired: 10,
    condition: 'ScaleUpLimit',
    check: (out) => assert.deepEqual(out.scaleUpEvents, []),
  },
  {
    name: 'behavior: scale-up events inside the period count against the policy',
    source: 'getReplicasChangePerPeriod: +5 @ now-10 is after now-15 → period start 5: max(5+4, ceil(5×2)) = 10, never below current → 10',
    input: {
      spec: { maxReplicas: 200, behavior: {} },
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 100,
      scaleUpEvents: [{ replicaChange: 5, timestamp: NOW - 10 }],
    },
    desired: 10,
    condition: 'ScaleUpLimit',
  },
  {
    name: 'behavior: an event exactly one period old no longer counts',
    source: 'getReplicasChangePerPeriod: now-15 is not After(now-15) → period start 10 → 20',
    input: {
      spec: { maxReplicas: 200, behavior: {} },
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 100,
      scaleUpEvents: [{ replicaChange: 5, timestamp: NOW - 15 }],
    },
    desired: 20,
    check: (out) => assert.deepEqual(out.scaleUpEvents, [{ replicaChange: 5, timestamp: NOW - 15, outdated: false }, { replicaChange: 10, timestamp: NOW, outdated: false }]),
  },
  {
    name: 'behavior: an outdated event slot is reused',
    source: 'storeScaleEvent: +1 @ now-100 is before now - longest period 15 → outdated, replaced by +10 @ now',
    input: {
      spec: { maxReplicas: 200, behavior: {} },
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 100,
      scaleUpEvents: [{ replicaChange: 1, timestamp: NOW - 100 }],
    },
    desired: 20,
    check: (out) => assert.deepEqual(out.scaleUpEvents, [{ replicaChange: 10, timestamp: NOW, outdated: false }]),
  },
  {
    name: 'behavior: Percent scale-down truncates',
    source: 'calculateScaleDownLimitWithBehaviors: int32(10 × (1 - 0.5)) = 5 > minReplicas 1 → ScaleDownLimit 5',
    input: {
      spec: { maxReplicas: 20, behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent', value: 50, periodSeconds: 60 }] } } },
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 1,
    },
    desired: 5,
    condition: 'ScaleDownLimit',
    check: (out) => assert.deepEqual(out.scaleDownEvents, [{ replicaChange: 5, timestamp: NOW, outdated: false }]),
  },
  {
    name: 'behavior: scale-down selectPolicy Max allows the biggest drop',
    source: 'calculateScaleDownLimitWithBehaviors with Max: min(10 - 3, trunc(10 × 0.5)) = 5',
    input: {
      spec: {
        maxReplicas: 20,
        behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 3, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] } },
      },
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 1,
    },
    desired: 5,
  },
  {
    name: 'behavior: scale-down selectPolicy Min allows the smallest drop',
    source: 'calculateScaleDownLimitWithBehaviors with Min: max(10 - 3, 5) = 7',
    input: {
      spec: {
        maxReplicas: 20,
        behavior: {
          scaleDown: { stabilizationWindowSeconds: 0, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 3, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] },
        },
      },
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 1,
    },
    desired: 7,
  },
  {
    name: 'behavior: scale-down events inside the period raise the period start',
    source: 'period start 10 + 2 deleted @ now-30 = 12: min(12 - 3, trunc(12 × 0.5)) = 6',
    input: {
      spec: {
        maxReplicas: 20,
        behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 3, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] } },
      },
      currentReplicas: 10,
      prenormalizedDesiredReplicas: 1,
      scaleDownEvents: [{ replicaChange: 2, timestamp: NOW - 30 }],
    },
    desired: 6,
  },
  {
    name: 'behavior: scale-down selectPolicy Disabled',
    source: 'calculateScaleDownLimitWithBehaviors: Disabled → currentReplicas',
    input: { spec: { maxReplicas: 20, behavior: { scaleDown: { selectPolicy: 'Disabled', stabilizationWindowSeconds: 0 } } }, currentReplicas: 10, prenormalizedDesiredReplicas: 1 },
    desired: 10,
    condition: 'ScaleDownLimit',
  },
  {
    name: 'behavior: the scale-up window takes the lowest recommendation in it',
    source: 'stabilizeRecommendationWithBehaviors: up window 60 s, {3 @ now-30} → min(8, 3) = 3; recommendation max(current 3, 3) = 3',
    input: {
      spec: { maxReplicas: 20, behavior: { scaleUp: { stabilizationWindowSeconds: 60 } } },
      currentReplicas: 3,
      prenormalizedDesiredReplicas: 8,
      recommendations: [{ replicas: 3, timestamp: NOW - 30 }],
    },
    desired: 3,
    check: (out) => assert.deepEqual(out.recommendations, [{ replicas: 3, timestamp: NOW - 30 }, { replicas: 8, timestamp: NOW }]),
  },
  {
    name: 'behavior: the default 300 s scale-down window takes the highest recommendation in it',
    source: 'maybeInitScaleDownStabilizationWindow: 300 s; {8 @ now-100} → max(2, 8) = 8 = current',
    input: { spec: { maxReplicas: 20, behavior: {} }, currentReplicas: 8, prenormalizedDesiredReplicas: 2, recommendations: [{ replicas: 8, timestamp: NOW - 100 }] },
    desired: 8,
  },
  {
    name: 'behavior: a recommendation exactly at the scale-down window edge no longer counts',
    source: 'stabilizeRecommendationWithBehaviors: now-300 is not After(now-300) → 2; default 100 %/15 s allows trunc(8×0) = 0, so minReplicas 1 binds and 2 is within range',
    input: { spec: { maxReplicas: 20, behavior: {} }, currentReplicas: 8, prenormalizedDesiredReplicas: 2, recommendations: [{ replicas: 8, timestamp: NOW - 300 }] },
    desired: 2,
    condition: 'DesiredWithinRange',
    check: (out) => assert.deepEqual(out.scaleDownEvents, [{ replicaChange: 6, timestamp: NOW, outdated: false }]),
  },
  {
    name: 'behavior: empty spec.metrics means CPU at 80 %',
    source: 'SetDefaults_HorizontalPodAutoscaler: cpu Utilization 80; 1600×100/1000 = 160 %, ratio 2 → ceil(2 × 1) = 2',
    input: { spec: { maxReplicas: 5 }, currentReplicas: 1, pods: cpuPods(1600) },
    desired: 2,
  },
  // Issue 14 item 8: upstream's own cases (pkg/controller/podautoscaler/replica_calculator_test.go, the API
  // validation tests and the HPAConfigurableTolerance integration test), one row each.
  {
    name: '(a) Pods metric at a ratio of exactly 1 with missing pods: no fill, no change',
    source:
      'upstream TestPlainMetricReplicaCalcMissingMetricsNoChangeEq: 5 pods, qps 20000/19000/21000 and 2 missing, target 20000 → ratio 1.0; ' +
      'calcPlainMetricReplicas fills missing pods only when the ratio is < 1 or > 1 → unchanged ratio within tolerance → 5 (filling 0 would give ceil(0.6 × 5) = 3)',
    input: {
      spec: { maxReplicas: 10, metrics: [podsMetric('qps', 20000)] },
      currentReplicas: 5,
      pods: [{ name: 'p0', metrics: { qps: 20000 } }, { name: 'p1', metrics: { qps: 19000 } }, { name: 'p2', metrics: { qps: 21000 } }, { name: 'p3' }, { name: 'p4' }],
    },
    desired: 5,
    check: (out) => assert.equal(out.metrics[0]?.averageValue, 20000),
  },
  {
    name: '(a) Resource utilization at exactly 100 % of target with a missing pod: no change',
    source: 'upstream TestReplicaCalcMissingMetricsNoChangeEq: requests 2000m each, p0 2000m, p1 missing, target 100 % → ratio 1.0, no fill → 2',
    input: { spec: { maxReplicas: 10, metrics: [cpu(100)] }, currentReplicas: 2, pods: [cpuPod('p0', 2000, 2000), cpuPod('p1', 2000, undefined)] },
    desired: 2,
    check: (out) => assert.equal(out.metrics[0]?.utilization, 100),
  },
  {
    name: '(b) Resource utilization scale-down fills missing pods at max(100 %, target) of their request',
    source:
      'upstream TestReplicaCalcMissingMetricsScaleDownTargetOver100: requests 2000/2000/4000/4000m, p0 unready, p1 and p2 at 200m, p3 missing, target 300 %: ' +
      'utilization 400·100/6000 = 6 %; p3 = 4000·300/100 = 12000 → 12400·100/10000 = 124 %, ratio 0.41 → ceil(0.41 × 3) = 2 (at 100 %: ceil(0.44) = 1)',
    input: {
      spec: { maxReplicas: 10, metrics: [cpu(300)] },
      currentReplicas: 4,
      pods: [cpuPod('p0', 2000, 400, { ready: false, startTime: NOW - 10 }), cpuPod('p1', 2000, 200), cpuPod('p2', 4000, 200), cpuPod('p3', 4000, undefined)],
    },
    desired: 2,
    check: (out) => assert.equal(out.metrics[0]?.utilization, 6),
  },
  {
    name: '(b) a target at or below 100 % still fills missing pods at 100 %',
    source:
      'upstream TestReplicaCalcMissingMetricsUnreadyScaleDown: requests 2000m each, p0 unready, p1..p2 at 200m, p3 missing, target 50 %: ' +
      '10 %; p3 = 2000 → 2400·100/6000 = 40 %, ratio 0.8 → ceil(0.8 × 3) = 3',
    input: {
      spec: { maxReplicas: 10, metrics: [cpu(50)] },
      currentReplicas: 4,
      pods: [cpuPod('p0', 2000, 200, { ready: false, startTime: NOW - 10 }), cpuPod('p1', 2000, 200), cpuPod('p2', 2000, 200), cpuPod('p3', 2000, undefined)],
    },
    desired: 3,
    check: (out) => assert.equal(out.metrics[0]?.utilization, 10),
  },
  {
    name: '(d) HPAConfigurableTolerance on: 5 % up / 50 % down, a 6 % rise scales up',
    source: 'upstream TestHPAWithTolerance (test/integration/autoscaling), phase 1: 35 pods, External 3700 against 100 per pod: ratio 3700/3500 = 1.057 > 1.05 → ceil(3700/100) = 37',
    input: {
      controller: gates({ HPAConfigurableTolerance: true }),
      spec: { maxReplicas: 100, metrics: [externalAverage('m', 100000)], behavior: { scaleUp: { tolerance: 0.05 }, scaleDown: { tolerance: 0.5 } } },
      currentReplicas: 35,
      externalMetrics: { m: [3700000] },
    },
    desired: 37,
  },
  {
    name: '(d) HPAConfigurableTolerance on: a 3 % rise stays within the 5 % scale-up tolerance',
    source: 'upstream TestHPAWithTolerance, phase 2: 37 pods, 3800/3700 = 1.027 ≤ 1.05 → statusReplicas 37',
    input: {
      controller: gates({ HPAConfigurableTolerance: true }),
      spec: { maxReplicas: 100, metrics: [externalAverage('m', 100000)], behavior: { scaleUp: { tolerance: 0.05 }, scaleDown: { tolerance: 0.5 } } },
      currentReplicas: 37,
      externalMetrics: { m: [3800000] },
    },
    desired: 37,
  },
  {
    name: '(d) HPAConfigurableTolerance on: a 20 % fall stays within the 50 % scale-down tolerance',
    source: 'upstream TestHPAWithTolerance, phase 4: 10 pods, 800/1000 = 0.8 ≥ 0.5 → statusReplicas 10 (the flag’s 0.1 would scale to 8)',
    input: {
      controller: gates({ HPAConfigurableTolerance: true }),
      spec: { maxReplicas: 100, metrics: [externalAverage('m', 100000)], behavior: { scaleUp: { tolerance: 0.05 }, scaleDown: { tolerance: 0.5 } } },
      currentReplicas: 10,
      externalMetrics: { m: [800000] },
    },
    desired: 10,
  },
  {
    name: '(d) HPAConfigurableTolerance off: the controller flag applies in both directions',
    source: 'tolerancesForHpa without the gate: 0.1 both ways; TestHPAWithTolerance phase 1 figures: 3700/3500 = 1.057 ≤ 1.1 → 35',
    input: {
      controller: { tolerance: 0.1 },
      spec: { maxReplicas: 100, metrics: [externalAverage('m', 100000)] },
      currentReplicas: 35,
      externalMetrics: { m: [3700000] },
    },
    desired: 35,
  },
  {
    name: '(e) Object Value: ratio × ready pods, unready pods ignored',
    source: 'upstream TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods: readiness F/T/F, 50000 against 10000 → ceil(5 × 1 ready pod) = 5 (15 if it used the 3 replicas)',
    input: {
      spec: { maxReplicas: 20, metrics: [objectValue('qps', 10000)] },
      currentReplicas: 3,
      pods: [{ name: 'p0', ready: false }, { name: 'p1' }, { name: 'p2', ready: false }],
      objectMetrics: { qps: 50000 },
    },
    desired: 5,
  },
  {
    name: '(e) External Value: ratio × ready pods, unready pods ignored',
    source: 'upstream TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods: readiness F/T/F, 8600 against 4400 = 1.95 → ceil(1.95 × 1) = 2 (6 with 3 replicas)',
    input: {
      spec: { maxReplicas: 20, metrics: [externalValue('qps', 4400)] },
      currentReplicas: 3,
      pods: [{ name: 'p0', ready: false }, { name: 'p1' }, { name: 'p2', ready: false }],
      externalMetrics: { qps: [8600] },
    },
    desired: 2,
  },
  {
    name: '(e) a Pending pod is not ready for a Value target',
    source: 'getReadyPodsCount: Running and Ready only; 3 pods, 1 Pending → ceil(1.5 × 2) = 3',
    input: {
      spec: { maxReplicas: 20, metrics: [objectValue('qps', 10000)] },
      currentReplicas: 3,
      pods: [{ name: 'p0' }, { name: 'p1' }, { name: 'p2', phase: 'Pending', ready: false }],
      objectMetrics: { qps: 15000 },
    },
    desired: 3,
  },
  {
    name: '(f) the scale-up limit without behavior is the constant max(2 × current, 4)',
    source: 'horizontal.go scaleUpLimitFactor = 2.0, scaleUpLimitMinimum = 4.0 (no flag): current 5 → 10',
    input: { spec: { maxReplicas: 50 }, currentReplicas: 5, prenormalizedDesiredReplicas: 40 },
    desired: 10,
    condition: 'ScaleUpLimit',
  },
];

describe('hpaStep, feature gates validated with the spec (upstream API validation)', () => {
  const problem = (input: Record<string, unknown>): string => {
    try {
      run(input);
    } catch (error) {
      assert.ok(isInfercapError(error));
      assert.equal(error.exitCode, 2);
      return error.message;
    }
    assert.fail('expected a validation error');
  };

  it('(c) minReplicas 0 without HPAScaleToZero is rejected (upstream TestValidateHorizontalPodAutoscalerScaleToZeroDisabled)', () => {
    assert.match(
      problem({ spec: { minReplicas: 0, maxReplicas: 5, metrics: [objectValue('q', 1000)] }, currentReplicas: 0 }),
      /^test: spec\.minReplicas: must be greater than or equal to 1 \(minReplicas 0 needs the HPAScaleToZero feature gate\)$/,
    );
  });

  it('(c) minReplicas 0 with the gate needs an Object or External metric (upstream validateMetrics)', () => {
    assert.match(
      problem({ controller: gates({ HPAScaleToZero: true }), spec: { minReplicas: 0, maxReplicas: 5, metrics: [cpu(50)] }, currentReplicas: 0 }),
      /^test: spec\.metrics: must specify at least one Object or External metric to support scaling to zero replicas$/,
    );
  });

  it('(c) minReplicas 0 with the gate and an External metric is accepted (upstream TestValidateHorizontalPodAutoscalerScaleToZeroEnabled)', () => {
    const out = run({ controller: gates({ HPAScaleToZero: true }), spec: { minReplicas: 0, maxReplicas: 5, metrics: [externalValue('q', 1000)] }, currentReplicas: 0, externalMetrics: { q: [2500] } });
    assert.equal(out.desiredReplicas, 3);
  });

  it('(d) a per-direction tolerance without HPAConfigurableTolerance is rejected, not silently dropped (upstream TestPrepareForCreateConfigurableToleranceDisabled drops it)', () => {
    assert.match(
      problem({ spec: { maxReplicas: 5, behavior: { scaleDown: { tolerance: 0.05 } } }, currentReplicas: 1 }),
      /^test: spec\.behavior\.scaleDown\.tolerance: needs the HPAConfigurableTolerance feature gate/,
    );
  });

  it('(f) scaleUpLimitFactor and scaleUpLimitMinimum are not controller flags', () => {
    assert.match(problem({ spec: { maxReplicas: 5 }, currentReplicas: 1, controller: { scaleUpLimitFactor: 3 } }), /^test: controller\.scaleUpLimitFactor: unknown key/);
  });

  it('an unknown feature gate is rejected', () => {
    assert.match(problem({ spec: { maxReplicas: 5 }, currentReplicas: 1, controller: gates({ HPAScaleToZro: true }) }), /^test: controller\.featureGates\.HPAScaleToZro: unknown key; did you mean "HPAScaleToZero"\?/);
  });
});

describe('hpaStep, table of cases derived from the Kubernetes controller', () => {
  for (const c of cases) {
    it(`${c.name} (${c.source})`, () => {
      const out = run(c.input);
      assert.equal(out.desiredReplicas, c.desired);
      if (c.condition !== undefined) assert.equal(out.condition, c.condition);
      c.check?.(out);
    });
  }
});

describe('hpaStep chaining', () => {
  it('feeds its history back: a scale-up of 4 pods per 15 s, one step every 15 s', () => {
    // calculateScaleUpLimitWithScalingRules with only {Pods 4 / 15 s}: 2 → 6 → 10 → 12 (max).
    const behavior = { scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } };
    let state: Record<string, unknown> = { spec: { maxReplicas: 12, behavior }, currentReplicas: 2, prenormalizedDesiredReplicas: 50 };
    const seen: number[] = [];
    for (let step = 0; step < 3; step++) {
      const out = hpaStep(parseHpaInput({ now: NOW + 15 * step, ...state }, 'test'));
      seen.push(out.desiredReplicas);
      state = { ...state, currentReplicas: out.desiredReplicas, recommendations: out.recommendations, scaleUpEvents: out.scaleUpEvents, scaleDownEvents: out.scaleDownEvents };
    }
    assert.deepEqual(seen, [6, 10, 12]);
  });
});
