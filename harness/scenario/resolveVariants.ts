// A scenario with variants runs once per variant; this lays each variant's changes over the scenario,
// so drivers only ever see a complete target and workload.

import type { Scenario, Target, Variant, Workload } from './scenarioSchema.ts';

/** One run of a scenario's phases: a complete target and workload. */
export interface ResolvedVariant {
  /** The variant's name; undefined when the scenario has no variants (it runs once, as written). */
  readonly name?: string;
  readonly description?: string;
  readonly target: Target;
  readonly workload: Workload;
}

/** The runs of a scenario: one per variant, in order, or the scenario itself when it has none. */
export function resolveVariants(scenario: Pick<Scenario, 'target' | 'workload' | 'variants'>): readonly ResolvedVariant[] {
  if (scenario.variants === undefined) return [{ target: scenario.target, workload: scenario.workload }];
  return scenario.variants.map((variant) => ({
    name: variant.name,
    ...(variant.description === undefined ? {} : { description: variant.description }),
    target: mergeTarget(scenario.target, variant.target),
    workload: mergeWorkload(scenario.workload, variant.workload),
  }));
}

/** url: replaces; reference: options are laid over the base's reference options (or stand alone over a url base). */
export function mergeTarget(base: Target, override: Variant['target']): Target {
  if (override === undefined || 'url' in override || !('reference' in base)) return override ?? base;
  return { reference: { ...base.reference, ...definedOnly(override.reference) } };
}

/**
 * The override's fields laid over the base's. `model` and `mix` exclude each other: a variant that sets
 * one replaces the base's other (a variant's model drops the base's mix, a variant's mix the base's model and version).
 */
export function mergeWorkload(base: Workload, override: Variant['workload']): Workload {
  if (override === undefined) return base;
  const { model, version, mix, ...rest } = base;
  const models = override.mix !== undefined ? {} : override.model !== undefined ? { model, version } : { model, version, mix };
  return { ...rest, ...definedOnly(models), ...definedOnly(override) } as Workload;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
