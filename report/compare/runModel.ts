// Which model a run asked for, read back from the scenario as it ran: the variant's workload laid over
// the scenario's, and the reference target's models directory and replica count when it had one.

import { z } from 'zod';
import type { RunResults } from '../../harness/results/runResults.ts';

const workloadFields = z.looseObject({
  model: z.string().min(1).optional(),
  version: z.union([z.string().min(1), z.number().transform(String)]).optional(),
  rows: z.number().int().positive().optional(),
});
const targetFields = z.looseObject({
  reference: z.looseObject({ modelsDir: z.string().min(1).optional(), replicas: z.number().int().positive().optional() }).optional(),
});

/** The part of a scenario (as recorded in results) that says which model served and on how many replicas. */
const recordedScenarioSchema = z.looseObject({
  name: z.string(),
  target: targetFields.optional(),
  workload: workloadFields.optional(),
  variants: z.array(z.looseObject({ name: z.string(), target: targetFields.optional(), workload: workloadFields.optional() })).optional(),
});

/** The model of one run; `version` undefined means the server's default version. */
export interface RunModel {
  readonly model: string;
  readonly version: string | undefined;
  /** Rows (predictions) per request. */
  readonly rows: number;
  /** Replicas of the reference target (1 when the scenario does not say). */
  readonly replicas: number;
  /** The reference target's models directory, when the scenario named one. */
  readonly modelsDir: string | undefined;
}

/**
 * The model `results` ran against; undefined when its scenario names none (results not written by
 * `infercap run`). A variant run is named `<scenario>/<variant>`, so its variant is found by that suffix.
 */
export function runModelOf(results: RunResults): RunModel | undefined {
  const parsed = recordedScenarioSchema.safeParse(results.scenario);
  if (!parsed.success) return undefined;
  const scenario = parsed.data;
  const variant = scenario.variants?.find((v) => scenario.name.endsWith(`/${v.name}`));
  const model = variant?.workload?.model ?? scenario.workload?.model;
  if (model === undefined) return undefined;
  const reference = { ...scenario.target?.reference, ...definedOnly(variant?.target?.reference ?? {}) };
  return {
    model,
    version: variant?.workload?.version ?? scenario.workload?.version,
    rows: variant?.workload?.rows ?? scenario.workload?.rows ?? 1,
    replicas: reference.replicas ?? 1,
    modelsDir: reference.modelsDir,
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
