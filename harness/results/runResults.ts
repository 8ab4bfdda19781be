// The results file of `infercap run` (and of `merge`), kind "run": the shared envelope, then the run's
// figures. Histograms are stored encoded so that runs and shards merge exactly.

import { z } from 'zod';
import { cacheBackendNames } from '../../reference-server/cache/cacheBackends.ts';
import { thresholdOutcomeSchema } from '../gate/thresholdOutcome.ts';
import { aggregateStatsSchema, phaseStatsSchema } from '../stats/phaseStats.ts';
import { environmentSchema, envelopeShape } from './resultsEnvelope.ts';

/**
 * Bumped on any change that an older reader could not read. 1: no envelope (no kind, `version: 1`);
 * 2: the envelope, and the resolved target.
 */
export const runSchemaVersion = 2;

/**
 * The server a run measured, as far as the harness can know it, so that nothing downstream re-reads the
 * scenario: a reference target's from its resolved options, a URL target's from what the server's model
 * config says (harness/target/servedModelConfig.ts); null where it does not say.
 */
export const resolvedTargetSchema = z.strictObject({
  model: z.string(),
  /** The version asked for, else the one the server says it serves; null when neither is known (the server's default). */
  version: z.string().nullable(),
  /** Rows (predictions) per request. */
  rows: z.number().int().positive(),
  /** Server processes behind the URL: 1 for a reference target; null for a URL target (it does not say). */
  replicas: z.number().int().positive().nullable(),
  /** Dynamic batching: off, or its largest batch and longest wait; null when unknown. */
  batching: z
    .union([z.strictObject({ enabled: z.literal(false) }), z.strictObject({ enabled: z.literal(true), maxBatchSize: z.number().int().positive(), maxQueueDelayMs: z.number().nonnegative() })])
    .nullable(),
  /** The prediction cache's backend; null when unknown. */
  cache: z.enum(cacheBackendNames).nullable(),
  /** A mix of models: each with its weight and version as above (`model` and `version` above are the first's). */
  mix: z.array(z.strictObject({ model: z.string(), version: z.string().nullable(), weight: z.number().positive() })).optional(),
  /** A reference target's models directory. */
  modelsDir: z.string().optional(),
});
export type ResolvedTarget = z.infer<typeof resolvedTargetSchema>;

export const runTargetSchema = z.strictObject({
  url: z.string(),
  kind: z.enum(['url', 'reference']),
  /** null in results upgraded from schema version 1, which did not record it. */
  resolved: resolvedTargetSchema.nullable(),
});
export type RunTarget = z.infer<typeof runTargetSchema>;

export const runResultsSchema = z.strictObject({
  ...envelopeShape('run', runSchemaVersion),
  /** false while a run is still writing (or was interrupted): the numbers cover only part of it. */
  complete: z.boolean(),
  /** The scenario as it ran (validated, defaults applied); its schema belongs to the scenario loader. */
  scenario: z.looseObject({ name: z.string() }),
  target: runTargetSchema,
  /** Merged results: the environment of every shard, in merge order. */
  shards: z.array(environmentSchema).optional(),
  /** When the run started (ISO 8601); for merged results the earliest shard's start. */
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().nonnegative(),
  phases: z.array(phaseStatsSchema),
  /** The non-warm-up phases taken together: what thresholds are evaluated on. */
  overall: aggregateStatsSchema,
  /** The scenario's thresholds, judged on `overall` (none while the run is incomplete). */
  thresholds: z.array(thresholdOutcomeSchema),
  /** Per-variant results of comparison scenarios; their shape belongs to the variant runner. */
  variants: z.array(z.unknown()).optional(),
});

/** One results file. */
export type RunResults = z.infer<typeof runResultsSchema>;
