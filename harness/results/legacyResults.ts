// Results files written before the shared envelope, brought up to it where that is honest: run and sweep
// files (schema version 1) and reliability files (no version) already recorded the machine and the start,
// so only the writer's version is unknown. Calibrations, simulations and plans did not record the machine:
// those are refused with what to run again (see readResults.ts).

/** A run file of version 1 (no kind): the envelope from its own start and environment; its target unresolved. */
export function upgradeRunV1(data: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, target, ...rest } = data;
  return {
    ...envelopeFields('run', 2, data),
    ...rest,
    ...(isRecord(target) ? { target: { ...target, resolved: null } } : { target }),
  };
}

/** A sweep file of version 1: the envelope from its own start and environment. */
export function upgradeSweepV1(data: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, ...rest } = data;
  return { ...rest, ...envelopeFields('sweep', 2, data) };
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
