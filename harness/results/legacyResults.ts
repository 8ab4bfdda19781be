// Results files written before the shared envelope, brought up to it where that is honest: run and sweep
// files (schema version 1) and reliability files (no version) already recorded the machine and the start,
// so only the writer's version is unknown. Calibrations, simulations and plans did not record the machine:
// those are refused with what to run again (see readResults.ts).

import { isCacheBackend } from '../../reference-server/cache/cacheBackends.ts';

/**
 * A run file of version 1 (no kind): the envelope from its own start and environment, and its target
 * resolved from the scenario it recorded as far as that says (the served batching and cache it cannot).
 */
export function upgradeRunV1(data: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, target, ...rest } = data;
  return {
    ...envelopeFields('run', 2, data),
    ...rest,
    ...(isRecord(target) ? { target: { ...target, resolved: resolvedFromScenario(data['scenario'], target['kind']) } } : { target }),
  };
}

/**
 * What a version 1 run's scenario says of its target: its workload (the variant's, found by the run's
 * `<scenario>/<variant>` name, over the scenario's) and its reference options; null without a model.
 */
function resolvedFromScenario(scenario: unknown, kind: unknown): Record<string, unknown> | null {
  if (!isRecord(scenario)) return null;
  const name = String(scenario['name']);
  const variant = Array.isArray(scenario['variants']) ? scenario['variants'].filter(isRecord).find((v) => name.endsWith(`/${String(v['name'])}`)) : undefined;
  const field = (part: 'workload' | 'target', key: string): unknown => {
    const own = variant?.[part];
    const base = scenario[part];
    const reference = (section: unknown) => (part === 'target' && isRecord(section) ? section['reference'] : section);
    const fromVariant = isRecord(reference(own)) ? (reference(own) as Record<string, unknown>)[key] : undefined;
    return fromVariant ?? (isRecord(reference(base)) ? (reference(base) as Record<string, unknown>)[key] : undefined);
  };
  const model = field('workload', 'model');
  if (typeof model !== 'string') return null;
  const version = field('workload', 'version');
  const rows = field('workload', 'rows');
  const modelsDir = field('target', 'modelsDir');
  const cache = field('target', 'cache');
  return {
    model,
    version: typeof version === 'string' || typeof version === 'number' ? String(version) : null,
    rows: Number.isInteger(rows) && (rows as number) > 0 ? rows : 1,
    replicas: kind === 'reference' ? 1 : null,
    batching: null,
    cache: kind === 'reference' && isCacheBackend(cache) ? cache : null,
    ...(kind === 'reference' && typeof modelsDir === 'string' ? { modelsDir } : {}),
  };
}

/** A sweep file of version 1: the envelope from its own start and environment. */
export function upgradeSweepV1(data: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, target, ...rest } = data;
  return { ...rest, ...envelopeFields('sweep', 2, data), target: isRecord(target) ? { ...target, resolved: null } : target };
}

/** A reliability file from before it had a schema version. */
export function upgradeReliabilityV0(data: Record<string, unknown>): Record<string, unknown> {
  return { ...data, ...envelopeFields('reliability', 1, data) };
}

function envelopeFields(kind: string, schemaVersion: number, data: Record<string, unknown>) {
  return { tool: 'infercap', kind, schemaVersion, createdAt: data['startedAt'], toolVersion: 'unknown', environment: data['environment'] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A comparison of schema version 1: the same, around run results of version 1. */
export function upgradeComparisonV1(data: Record<string, unknown>): Record<string, unknown> {
  const variants = Array.isArray(data['variants'])
    ? data['variants'].map((variant: unknown) =>
        isRecord(variant) && isRecord(variant['results']) && variant['results']['version'] === 1 ? { ...variant, results: upgradeRunV1(variant['results']) } : variant,
      )
    : data['variants'];
  return { ...data, schemaVersion: 2, variants };
}
