// A scenario file: one zod schema that is its TypeScript type, its defaults and its validation,
// and from which scenarios/schema.json is generated for editors.

import { z } from 'zod';
import { requiredOptionsOf } from '../../reference-server/cache/cacheBackends.ts';
import { serverOptionsSchema } from '../../reference-server/config/serverOptions.ts';
import { phasesSchema } from './phaseSchema.ts';
import { resolveVariants } from './resolveVariants.ts';
import { targetSchema } from './targetSchema.ts';
import { thresholdsSchema } from './thresholdsSchema.ts';
import { modelChoiceProblem } from './mixSchema.ts';
import { workloadOverrideSchema, workloadSchema } from './workloadSchema.ts';
import type { ThresholdExpression } from './thresholdExpression.ts';

const variantSchema = z
  .strictObject({
    name: z.string().min(1).describe('Name of the variant in results and reports. Unique.'),
    description: z.string().optional(),
    target: targetSchema
      .optional()
      .describe("url: replaces the scenario's target; reference: options are laid over the scenario's reference options."),
    workload: workloadOverrideSchema.optional(),
  })
  .describe('One configuration to compare: the scenario with these changes.');

const variantsSchema = z
  .array(variantSchema)
  .min(1)
  .superRefine((variants, ctx) => {
    const seen = new Set<string>();
    variants.forEach((variant, index) => {
      if (seen.has(variant.name)) {
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${variant.name}" is used twice; variant names must be unique` });
      }
      seen.add(variant.name);
    });
  }, { when: (payload) => payload.issues.length === 0 })
  .describe(
    'Run the same phases once per variant (e.g. batching on and off, fp32 and int8) and compare them; ' +
      'each variant changes the target and/or the workload. Without variants the scenario runs once.',
  );

// The server's own defaults, read from its schema rather than repeated here.
const serverDefaults = serverOptionsSchema.pick({ batching: true, maxBatchSize: true }).parse({});

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().describe('Ignored; lets editors find this schema in JSON scenario files.').optional(),
    name: z.string().min(1).describe('Name of the scenario in results and reports.'),
    description: z.string().optional(),
    target: targetSchema,
    workload: workloadSchema,
    phases: phasesSchema,
    thresholds: thresholdsSchema.prefault({}),
    variants: variantsSchema.optional(),
  })
  .superRefine((scenario, ctx) => {
    // Checks across fields, run on the parsed values (durations in ms, defaults filled).
    if (scenario.phases.every((phase) => phase.kind === 'pause')) {
      ctx.addIssue({ code: 'custom', path: ['phases'], message: 'has only pause phases; add an open, closed or trace phase' });
    } else if (scenario.thresholds.length > 0 && scenario.phases.every((phase) => phase.kind === 'pause' || phase.warmup)) {
      ctx.addIssue({
        code: 'custom',
        path: ['thresholds'],
        message: 'every traffic phase is a warmup, so the thresholds would have no samples; set warmup: false on a phase',
      });
    }
    resolveVariants(scenario).forEach((run, index) => {
      const modelProblem = run.name === undefined ? undefined : modelChoiceProblem(run.workload);
      if (modelProblem !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['variants', index, 'workload', modelProblem.field], message: `in variant "${run.name}": ${modelProblem.message}` });
      }
      if (!('reference' in run.target)) return;
      const where = run.name === undefined ? '' : `in variant "${run.name}": `;
      const path = run.name === undefined ? ['workload', 'rows'] : ['variants', index];
      const { batching = serverDefaults.batching, maxBatchSize = serverDefaults.maxBatchSize } = run.target.reference;
      if (batching && run.workload.rows > maxBatchSize) {
        ctx.addIssue({
          code: 'custom',
          path,
          message: `${where}${run.workload.rows} rows per request are more than the reference server's maxBatchSize (${maxBatchSize}) and would all be refused; lower rows or raise maxBatchSize`,
        });
      }
      const { cache } = run.target.reference;
      for (const { option, example } of cache === undefined ? [] : requiredOptionsOf(cache)) {
        if (run.target.reference[option] !== undefined) continue;
        ctx.addIssue({
          code: 'custom',
          path: run.name === undefined ? ['target', 'reference', 'cache'] : path,
          message: `${where}the ${cache} cache needs ${option} too (e.g. ${option}: ${example})`,
        });
      }
    });
    // Only once everything else is valid: these rules read parsed values (ms, defaults, merged variants).
  }, { when: (payload) => payload.issues.length === 0 })
  .meta({ title: 'infercap scenario', description: 'Traffic scenario for infercap run: a target, a workload, phases and thresholds.' })
  .transform(({ $schema: _ignored, ...scenario }) => scenario);

type DeepReadonly<T> = T extends readonly (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** The scenario as its schema parses it, before trace phases are resolved (traceSource.ts). */
export type ParsedScenario = z.output<typeof scenarioSchema>;
type ParsedPhase = ParsedScenario['phases'][number];

/**
 * A trace phase once its file was read at load: the trace's absolute path and its (transformed) length,
 * which is the phase's duration; `shard` is set by `--shard i/n` (never written in a scenario).
 */
export type ResolvedTracePhase = Extract<ParsedPhase, { kind: 'trace' }> & {
  readonly file: string;
  readonly duration: number;
  readonly shard?: { readonly index: number; readonly count: number };
};
type ResolvedPhase = Exclude<ParsedPhase, { kind: 'trace' }> | ResolvedTracePhase;

/** A validated scenario: durations in ms, defaults filled, phases named, thresholds parsed, traces resolved; deep-frozen. */
export type Scenario = DeepReadonly<Omit<ParsedScenario, 'phases'> & { phases: ResolvedPhase[] }>;
/** The scenario file as written (durations as strings, defaults optional). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Target = Scenario['target'];
export type ReferenceOptions = Extract<Target, { reference: unknown }>['reference'];
export type Workload = Scenario['workload'];
export type Phase = Scenario['phases'][number];
export type OpenPhase = Extract<Phase, { kind: 'open' }>;
export type ClosedPhase = Extract<Phase, { kind: 'closed' }>;
export type PausePhase = Extract<Phase, { kind: 'pause' }>;
export type TracePhase = Extract<Phase, { kind: 'trace' }>;
export type Variant = NonNullable<Scenario['variants']>[number];
export type { ThresholdExpression };
