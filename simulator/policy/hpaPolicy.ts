// The HPA policy: Kubernetes' controller step (simulator/hpa/hpaStep.ts, unchanged) run every sync period
// on what the metrics pipeline would show it: per-pod samples averaged over the metric resolution window
// that ended at the last scrape (observedPod.ts), seen `metricsLag` seconds later, and the Service's
// request-level p95 of that window, with the controller's history carried over.

import { hpaInputSchema, type HpaInput, type PodState } from '../hpa/hpaInput.ts';
import { advanceHpa, hpaSetup, type HpaHistory } from '../hpa/hpaStep.ts';
import type { AutoscalingPolicy, ClusterView, PolicyContext } from './autoscalingPolicy.ts';
import { simulatedMetrics, type HpaPolicyDeclaration } from './hpaPolicySchema.ts';
import { newPodState, observePod, type ObservationContext } from './observedPod.ts';

/** The declaration as the controller step's validated input types (milli-units, every default applied). */
export function hpaControllerSpec(declaration: HpaPolicyDeclaration): Pick<HpaInput, 'spec' | 'controller'> {
  const { spec, controller } = hpaInputSchema.parse({ now: 0, currentReplicas: 0, spec: declaration.spec, controller: declaration.controller ?? {} });
  return { spec, controller };
}

export function createHpaPolicy(declaration: HpaPolicyDeclaration, context: PolicyContext): AutoscalingPolicy {
  const { spec, controller } = hpaControllerSpec(declaration);
  const { cluster, serviceModel } = context;
  const resolution = cluster.metricsResolution;
  const cpuRequestMilli = Math.round(serviceModel.cpuRequestCores * 1000);
  const idleCpuMilli = Math.round(serviceModel.idleCpuCores * 1000);
  const names = new Set(spec.metrics.map((m) => (m.type === 'Resource' ? m.resource.name : m.type === 'Pods' ? m.pods.metric.name : m.type === 'Object' ? m.object.metric.name : m.external.metric.name)));
  const wants = { cpu: names.has(simulatedMetrics.cpu), rps: names.has(simulatedMetrics.requestsPerSecond), inflight: names.has(simulatedMetrics.inflight), p95: names.has(simulatedMetrics.p95) };

  const setup = hpaSetup(spec, controller);
  // The controller's history, updated in place by each step.
  const history: HpaHistory = { recommendations: null, scaleUpEvents: [], scaleDownEvents: [] };
  const noObjectMetrics: Record<string, number> = {};
  const externalMetrics: Record<string, number[]> = {};

  // One PodState per live pod, updated in place at each sync: the controller only reads them.
  const states = new Map<number, PodState>();

  const observed: PodState[] = [];

  /** What the controller sees of the live pods (an array reused from sync to sync). */
  function podStates(view: ClusterView, scrape: number): PodState[] {
    if (states.size > 2 * view.pods.length + 16) {
      const live = new Set(view.pods.map((pod) => pod.id));
      for (const id of states.keys()) if (!live.has(id)) states.delete(id);
    }
    const ctx: ObservationContext = { now: view.now, scrape, resolution, signals: view.signals, wants, idleCpuMilli, cpuRequestMilli };
    observed.length = 0;
    for (const pod of view.pods) {
      let state = states.get(pod.id);
      if (state === undefined) {
        state = newPodState(pod, ctx);
        states.set(pod.id, state);
      }
      observed.push(observePod(state, pod, ctx));
    }
    return observed;
  }

  const policy: AutoscalingPolicy & { lastCondition: string | undefined } = {
    kind: 'hpa',
    lastCondition: undefined,
    periodSeconds: cluster.syncPeriod,
    initialReplicas: spec.minReplicas,
    decide(view) {
      const { now } = view;
      const scrape = Math.floor((now - cluster.metricsLag) / resolution) * resolution;
      let objectMetrics = noObjectMetrics;
      if (wants.p95 && scrape > 0) {
        objectMetrics = {};
        // The p95 of the requests of the window, as a Prometheus histogram_quantile over it would give it.
        const p95 = view.signals.latencyQuantileOver(0.95, scrape - resolution, scrape);
        // latency_p95_seconds in milli-units is milliseconds.
        if (p95 !== undefined) objectMetrics[simulatedMetrics.p95] = Math.round(p95);
      }
      const output = advanceHpa(
        { now, spec, controller, currentReplicas: view.specReplicas, statusReplicas: view.pods.length, pods: podStates(view, scrape), objectMetrics, externalMetrics },
        setup,
        history,
      );
      policy.lastCondition = output.condition;
      return output.desiredReplicas;
    },
  };
  return policy;
}
