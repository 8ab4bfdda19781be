// `infercap run SCENARIO --target URL --model NAME[:VERSION]`: points a scenario (a shipped one, say) at
// one's own server and model without editing it. Applied to the validated scenario, before anything runs.

import { deepFreeze } from '../../common/deepFreeze.ts';
import { modelOptionNotValid, optionSchemaIssue, overrideMakesVariantsAlike } from '../../common/errors.ts';
import { resolveVariants } from './resolveVariants.ts';
import type { Scenario, Variant, Workload } from './scenarioSchema.ts';
import { targetSchema } from './targetSchema.ts';

export interface ScenarioOverrides {
  /** Base URL of a running V2 server: every variant's target. */
  readonly target?: string | undefined;
  /** `NAME` or `NAME:VERSION`: the workload's one model everywhere (a mix included). */
  readonly model?: string | undefined;
}

/** `mnist-wide:int8` → { model: 'mnist-wide', version: 'int8' }; the version is what follows the last colon. */
export function parseModelOption(text: string): { model: string; version?: string } {
  const colon = text.lastIndexOf(':');
  const model = colon === -1 ? text : text.slice(0, colon);
  const version = colon === -1 ? undefined : text.slice(colon + 1);
  if (model.trim() === '' || version?.trim() === '' || /\s/.test(text)) throw modelOptionNotValid(text);
  return version === undefined ? { model } : { model, version };
}

function targetUrl(text: string): string {
  const parsed = targetSchema.safeParse({ url: text });
  if (!parsed.success) throw optionSchemaIssue('--target', parsed.error.issues[0]!.message);
  return text;
}

/** The workload with `model` (and its version, or none: the server's default) instead of its model, version or mix. */
function withModel(workload: Workload, model: { model: string; version?: string }): Workload {
  const { model: _model, version: _version, mix: _mix, ...rest } = workload;
  return { ...rest, ...model } as Workload;
}

/**
 * The scenario with the overrides applied: `target` replaces the scenario's and every variant's target
 * (a reference server's options mean nothing for someone else's server), `model` replaces the workload's
 * model, version and mix, and every variant's. Variants left alike by that (e.g. batching on and off,
 * once neither starts the server whose batching they set) would run the same thing twice: refused, by name.
 * Throws InfercapError (exit code 2).
 */
export function overrideScenario(scenario: Scenario, overrides: ScenarioOverrides): Scenario {
  const url = overrides.target === undefined ? undefined : targetUrl(overrides.target);
  const model = overrides.model === undefined ? undefined : parseModelOption(overrides.model);
  if (url === undefined && model === undefined) return scenario;
  const variants = scenario.variants?.map((variant): Variant => {
    const { target, workload, ...rest } = variant;
    const { model: _model, version: _version, mix: _mix, ...otherFields } = workload ?? {};
    const kept = model === undefined ? workload : Object.keys(otherFields).length > 0 ? otherFields : undefined;
    return { ...rest, ...(url === undefined && target !== undefined ? { target } : {}), ...(kept === undefined ? {} : { workload: kept }) };
  });
  const overridden: Scenario = {
    ...scenario,
    target: url === undefined ? scenario.target : { url },
    workload: model === undefined ? scenario.workload : withModel(scenario.workload, model),
    ...(variants === undefined ? {} : { variants }),
  };
  assertVariantsDiffer(overridden, [url && '--target', model && '--model'].filter(Boolean).join(' and '));
  return deepFreeze(overridden);
}

/** Variants that resolve to the same target and workload would run the same load twice. */
function assertVariantsDiffer(scenario: Scenario, options: string): void {
  const byRun = new Map<string, string[]>();
  for (const run of resolveVariants(scenario)) {
    if (run.name === undefined) continue;
    const key = JSON.stringify([run.target, run.workload]);
    byRun.set(key, [...(byRun.get(key) ?? []), run.name]);
  }
  const alike = [...byRun.values()].find((names) => names.length > 1);
  if (alike !== undefined) throw overrideMakesVariantsAlike(options, alike);
}
