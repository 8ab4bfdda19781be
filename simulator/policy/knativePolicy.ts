// A Knative-style concurrency autoscaler (KPA, after knative/serving pkg/autoscaler/scaling/autoscaler.go):
// desired pods from the fleet's average concurrency over a stable window, a panic window that scales up
// fast and never down while the load exceeds the panic threshold, and per-tick rate limits.

import { z } from 'zod';
import { traceSecondsSchema } from '../trace/traceDuration.ts';
import type { AutoscalingPolicy, PolicyContext } from './autoscalingPolicy.ts';

export const knativePolicySchema = z.strictObject({
  name: z.string().min(1).optional(),
  kind: z.literal('knative'),
  knative: z
    .strictObject({
      /** autoscaling.knative.dev/target: concurrent requests per pod. */
      target: z.number().positive(),
      /** container-concurrency-target-percentage. */
      targetUtilizationPercentage: z.number().positive().max(100).default(70),
      stableWindow: traceSecondsSchema.default(60),
      panicWindowPercentage: z.number().positive().max(100).default(10),
      panicThresholdPercentage: z.number().min(110).default(200),
      maxScaleUpRate: z.number().gt(1).default(1000),
      maxScaleDownRate: z.number().gt(1).default(2),
      minScale: z.int().min(0).default(1),
      /** 0: unbounded. */
      maxScale: z.int().min(0).default(0),
      tickInterval: traceSecondsSchema.default(2),
    })
    .check((ctx) => {
      if (ctx.value.stableWindow < 6 || ctx.value.stableWindow > 3600)
        ctx.issues.push({ code: 'custom', message: 'must lie between 6 s and 1 h, as in Knative', input: ctx.value.stableWindow, path: ['stableWindow'] });
      if (ctx.value.tickInterval < 1) ctx.issues.push({ code: 'custom', message: 'must be at least 1 second', input: ctx.value.tickInterval, path: ['tickInterval'] });
      if (ctx.value.maxScale !== 0 && ctx.value.maxScale < ctx.value.minScale)
        ctx.issues.push({ code: 'custom', message: `must be at least minScale (${ctx.value.minScale}) or 0`, input: ctx.value.maxScale, path: ['maxScale'] });
    }),
});
export type KnativePolicyDeclaration = z.output<typeof knativePolicySchema>;

export function createKnativePolicy(declaration: KnativePolicyDeclaration, _context: PolicyContext): AutoscalingPolicy {
  const k = declaration.knative;
  const targetPerPod = (k.target * k.targetUtilizationPercentage) / 100;
  const panicWindow = Math.max(1, Math.round((k.stableWindow * k.panicWindowPercentage) / 100));
  const panicThreshold = k.panicThresholdPercentage / 100;
  const maxScale = k.maxScale === 0 ? Number.POSITIVE_INFINITY : k.maxScale;
  let panicSince: number | undefined;
  let maxPanicPods = 0;

  return {
    kind: 'knative',
    periodSeconds: k.tickInterval,
    initialReplicas: Math.max(1, k.minScale),
    decide(view) {
      const { now, signals } = view;
      if (now === 0) return view.specReplicas;
      const mean = (window: number) => signals.inflight.sum(now - window, now) / Math.min(window, now);
      const ready = Math.max(1, view.readyReplicas);
      const maxUp = Math.ceil(k.maxScaleUpRate * ready);
      const maxDown = Math.floor(ready / k.maxScaleDownRate);
      const clamp = (pods: number) => Math.min(Math.max(pods, maxDown), maxUp);
      const stablePods = clamp(Math.ceil(mean(k.stableWindow) / targetPerPod));
      const panicPods = clamp(Math.ceil(mean(panicWindow) / targetPerPod));
      const overThreshold = panicPods / ready >= panicThreshold;
      if (overThreshold) panicSince = now;
      else if (panicSince !== undefined && panicSince + k.stableWindow <= now) {
        panicSince = undefined;
        maxPanicPods = 0;
      }
      let desired = stablePods;
      if (panicSince !== undefined) {
        maxPanicPods = Math.max(maxPanicPods, panicPods, view.specReplicas);
        desired = maxPanicPods;
      }
      return Math.min(Math.max(desired, k.minScale), maxScale);
    },
  };
}
