// The results file of `infercap run` (and of `merge`): versioned JSON whose zod schema is also its
// TypeScript type. Histograms are stored encoded so that runs and shards merge exactly.

import { z } from 'zod';
import { aggregateStatsSchema, phaseStatsSchema } from '../stats/phaseStats.ts';

/** Bumped on any change that an older reader could not read. */
export const resultsVersion = 1;

/** Which part of a sharded run (`infercap run --shard index/count`) produced a file; index is 1-based. */
export const shardSchema = z
  .strictObject({ index: z.number().int().positive(), count: z.number().int().positive() })
  .refine((shard) => shard.index <= shard.count, { message: 'shard index must be at most the shard count' });
export type Shard = z.infer<typeof shardSchema>;

/** The machine and Node.js that produced the numbers. */
export const environmentSchema = z.strictObject({
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpus: z.number().int().nonnegative(),
  cpuModel: z.string(),
  totalMemoryBytes: z.number().int().nonnegative(),
  hostname: z.string(),
  shard: shardSchema.optional(),
});
export type Environment = z.infer<typeof environmentSchema>;

export const runResultsSchema = z.strictObject({
  version: z.literal(resultsVersion),
  tool: z.literal('infercap'),
  /** false while a run is still writing (or was interrupted): the numbers cover only part of it. */
  complete: z.boolean(),
  /** The scenario as it ran (validated, defaults applied); its schema belongs to the scenario loader. */
  scenario: z.looseObject({ name: z.string() }),
  target: z.strictObject({ url: z.string(), kind: z.enum(['url', 'reference']) }),
  environment: environmentSchema,
  /** Merged results: the environment of every shard, in merge order. */
  shards: z.array(environmentSchema).optional(),
  /** When the run started (ISO 8601); for merged results the earliest shard's start. */
  startedAt: z.iso.datetime({ offset: true }),
  durationMs: z.number().nonnegative(),
  phases: z.array(phaseStatsSchema),
  /** The non-warm-up phases taken together: what thresholds are evaluated on. */
  overall: aggregateStatsSchema,
  /** Threshold outcomes; their shape belongs to the threshold evaluator. */
  thresholds: z.array(z.unknown()),
  /** Per-variant results of comparison scenarios; their shape belongs to the variant runner. */
  variants: z.array(z.unknown()).optional(),
});

/** One results file. */
export type RunResults = z.infer<typeof runResultsSchema>;
