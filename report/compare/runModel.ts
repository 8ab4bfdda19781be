// Which model a run asked for and what served it, read from the run's resolved target (recorded when the
// run started; see resolvedTargetSchema), never from the scenario.

import type { RunResults } from '../../harness/results/runResults.ts';

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
}

/** The model `results` ran against; undefined when the results do not say (run results of version 1 whose scenario named none). */
export function runModelOf(results: RunResults): RunModel | undefined {
  const resolved = results.target.resolved;
  if (resolved === null) return undefined;
  return { model: resolved.model, version: resolved.version ?? undefined, rows: resolved.rows, replicas: resolved.replicas, modelsDir: resolved.modelsDir };
}
