// A fixed fleet: the same replica count all the time, the baseline every autoscaler is measured against.

import { z } from 'zod';
import type { AutoscalingPolicy } from './autoscalingPolicy.ts';

export const fixedPolicySchema = z.strictObject({
  name: z.string().min(1).optional(),
  kind: z.literal('fixed'),
  replicas: z.int().min(1),
});
export type FixedPolicyDeclaration = z.output<typeof fixedPolicySchema>;

export function createFixedPolicy(declaration: FixedPolicyDeclaration): AutoscalingPolicy {
  const replicas = declaration.replicas;
  return { kind: 'fixed', periodSeconds: 3600, initialReplicas: replicas, decide: () => replicas };
}
