// Every autoscaling policy the simulator knows: one schema for a policy file (a union on `kind`) and the
// factory of each kind. A new policy is one file and one line in `registry`.

import { z } from 'zod';
import type { AutoscalingPolicy, PolicyContext } from './autoscalingPolicy.ts';
import { createFixedPolicy, fixedPolicySchema } from './fixedPolicy.ts';
import { createHpaPolicy } from './hpaPolicy.ts';
import { hpaPolicySchema } from './hpaPolicySchema.ts';
import { createKnativePolicy, knativePolicySchema } from './knativePolicy.ts';

const registry = {
  fixed: { schema: fixedPolicySchema, create: createFixedPolicy },
  hpa: { schema: hpaPolicySchema, create: createHpaPolicy },
  knative: { schema: knativePolicySchema, create: createKnativePolicy },
} as const;

export type PolicyKind = keyof typeof registry;

/** A policy file: `kind: fixed | hpa | knative` and that kind's fields. */
export const policySchema = z.discriminatedUnion('kind', [registry.fixed.schema, registry.hpa.schema, registry.knative.schema], {
  error: () => `kind must be one of ${Object.keys(registry).join(', ')}`,
});
export type PolicyDeclaration = z.output<typeof policySchema>;

export function createPolicy(declaration: PolicyDeclaration, context: PolicyContext): AutoscalingPolicy {
  const create = registry[declaration.kind].create as (d: PolicyDeclaration, c: PolicyContext) => AutoscalingPolicy;
  return create(declaration, context);
}
