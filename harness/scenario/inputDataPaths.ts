// A workload's inputData path is relative to the scenario file, as trace files are: made absolute once,
// at load, so a run finds the file wherever it is started from.

import path from 'node:path';
import { deepFreeze } from '../../common/deepFreeze.ts';
import type { Scenario } from './scenarioSchema.ts';

/** `scenario` with every workload's (and variant workload's) inputData resolved from `fileName`'s folder; deep-frozen. */
export function resolveInputDataPaths(scenario: Scenario, fileName: string): Scenario {
  const variants = scenario.variants ?? [];
  if (scenario.workload.inputData === undefined && !variants.some((variant) => variant.workload?.inputData !== undefined)) return scenario;
  const resolve = (file: string) => path.resolve(path.dirname(fileName), file);
  const workload = scenario.workload.inputData === undefined ? scenario.workload : { ...scenario.workload, inputData: resolve(scenario.workload.inputData) };
  const resolved = variants.map((variant) =>
    variant.workload?.inputData === undefined ? variant : { ...variant, workload: { ...variant.workload, inputData: resolve(variant.workload.inputData) } },
  );
  return deepFreeze({ ...scenario, workload, ...(scenario.variants === undefined ? {} : { variants: resolved }) });
}
