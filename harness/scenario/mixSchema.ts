// Several models (or versions of one) in one run: `workload.mix` lists them with relative weights, and each
// request goes to one of them by a seeded weighted choice. Exclusive with `workload.model`.

import { z } from 'zod';
import type { ThresholdExpression } from './thresholdExpression.ts';
import { thresholdsSchema } from './thresholdsSchema.ts';

/** Triton numbers its versions (`version: 1` in YAML is a number); the protocol carries them as strings. */
export const versionSchema = z
  .union([z.string().min(1), z.number().int().nonnegative().transform(String)], {
    error: (issue) => (issue.input === undefined ? undefined : 'must be a version name or number, e.g. fp32, int8 or 1'),
  })
  .describe("Model version, e.g. fp32, int8 or 1; the server's default version when absent.");

const mixEntrySchema = z.strictObject({
  model: z.string().min(1).describe('Model name as the server knows it.'),
  version: versionSchema.optional(),
  weight: z
    .number({ error: (issue) => (issue.input === undefined ? 'is required: the share of requests this model gets, relative to the others (e.g. 80)' : undefined) })
    .positive({ error: 'must be positive: weights are relative shares, e.g. 80 and 20' })
    .describe('Relative share of requests, e.g. 80 and 20 (or 4 and 1).'),
  thresholds: thresholdsSchema.optional().describe("This model's own thresholds, judged on its part of the run (the scenario's judge the whole)."),
});

export const mixSchema = z
  .array(mixEntrySchema)
  .min(1, { error: 'lists no model; give at least one { model, weight }, or use model: instead' })
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((entry, index) => {
      const name = modelLabel(entry);
      if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [index], message: `${name} is listed twice; give each model (and version) once, with its whole weight` });
      seen.add(name);
    });
  })
  .describe('Several models or versions in one run, e.g. [{model: a, weight: 80}, {model: b, weight: 20}]: each request goes to one by a seeded weighted choice, and results split by model. Instead of model:.');

/** One model a run sends requests to, and its relative share of them. */
export interface WorkloadModel {
  readonly model: string;
  readonly version?: string | undefined;
  readonly weight: number;
  /** This model's own thresholds (a mix entry's), judged on its part of the run. */
  readonly thresholds?: readonly ThresholdExpression[] | undefined;
}

/** `name`, or `name:version`: how results and messages name a model of a run. */
export function modelLabel(entry: { readonly model: string; readonly version?: string | undefined }): string {
  return entry.version === undefined ? entry.model : `${entry.model}:${entry.version}`;
}

/** The models of a validated workload: its mix, or its one model (weight 1). */
export function workloadModels(workload: { readonly model?: string | undefined; readonly version?: string | undefined; readonly mix?: readonly WorkloadModel[] | undefined }): readonly WorkloadModel[] {
  if (workload.mix !== undefined) return workload.mix;
  return [{ model: workload.model!, ...(workload.version === undefined ? {} : { version: workload.version }), weight: 1 }];
}

/**
 * What is wrong with a workload's choice of models, if anything: exactly one of `model` and `mix`, and
 * `version` only beside `model` (a mix names each entry's version).
 */
export function modelChoiceProblem(workload: { readonly model?: unknown; readonly version?: unknown; readonly mix?: unknown }): { field: 'model' | 'mix' | 'version'; message: string } | undefined {
  if (workload.model === undefined && workload.mix === undefined) return { field: 'model', message: 'is required: the model every request goes to (or mix: several models with weights)' };
  if (workload.model !== undefined && workload.mix !== undefined) return { field: 'mix', message: 'is given beside model:; keep one (model: one model, mix: several with weights)' };
  if (workload.mix !== undefined && workload.version !== undefined) return { field: 'version', message: "is given beside mix:; set each mix entry's version instead" };
  return undefined;
}
