// Which model a run asked for and what served it, read from the run's resolved target (recorded when the
// run started; see resolvedTargetSchema); from the scenario as it ran only what its requests carried
// (inputs, input data, seed), which the target does not record.

import { z } from 'zod';
import type { RunResults } from '../results/runResults.ts';
import { inputsSchema } from '../scenario/inputsSchema.ts';
import type { QualityWorkload } from './qualityInputs.ts';

const requestFields = z.looseObject({
  inputs: inputsSchema.optional().catch(undefined),
  inputData: z.string().min(1).optional(),
  seed: z.number().int().nonnegative().optional(),
});

/** The part of a scenario (as recorded in results) that says what the requests carried. */
const recordedScenarioSchema = z.looseObject({
  name: z.string(),
  workload: requestFields.optional(),
  variants: z.array(z.looseObject({ name: z.string(), workload: requestFields.optional() })).optional(),
});

/** The model of one run; `version` undefined means the server's default version. */
export interface RunModel {
  readonly model: string;
  readonly version: string | undefined;
  /** Rows (predictions) per request. */
  readonly rows: number;
  /** Server processes behind the target: 1 for a reference target, null when the target does not say (a URL). */
  readonly replicas: number | null;
  /** The reference target's models directory. */
  readonly modelsDir: string | undefined;
  /** The URL of the server the run drove, when it was not a reference server the harness started. */
  readonly url: string | undefined;
  /** What the run's requests carried (rows, inputs, recorded input data) and the seed they were drawn with. */
  readonly workload: QualityWorkload;
  readonly seed: number;
}

/** The model `results` ran against; undefined when the results do not say (run results of version 1). */
export function runModelOf(results: RunResults): RunModel | undefined {
  const { resolved, kind, url } = results.target;
  if (resolved === null) return undefined;
  const requests = requestsOf(results);
  return {
    model: resolved.model,
    version: resolved.version ?? undefined,
    rows: resolved.rows,
    replicas: resolved.replicas,
    modelsDir: resolved.modelsDir,
    url: kind === 'url' ? url : undefined,
    workload: { rows: resolved.rows, inputs: requests.inputs, inputData: requests.inputData },
    seed: requests.seed ?? 1,
  };
}

/** What the requests carried, the variant (a run named `<scenario>/<variant>`) laid over the scenario's workload. */
function requestsOf(results: RunResults): z.infer<typeof requestFields> {
  const parsed = recordedScenarioSchema.safeParse(results.scenario);
  if (!parsed.success) return {};
  const scenario = parsed.data;
  const variant = scenario.variants?.find((v) => scenario.name.endsWith(`/${v.name}`));
  return {
    inputs: variant?.workload?.inputs ?? scenario.workload?.inputs,
    inputData: variant?.workload?.inputData ?? scenario.workload?.inputData,
    seed: variant?.workload?.seed ?? scenario.workload?.seed,
  };
}
