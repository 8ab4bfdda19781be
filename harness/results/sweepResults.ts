// The sweep and calibration results kinds: the shared envelope, then one zod schema each, which is also the
// calibration's type. The report, the simulator and the published JSON Schemas read them; `infercap sweep`
// writes them (the sweep's type is checked against its schema at compile time).

import { z } from 'zod';
import type { SweepResult } from '../sweep/runSweep.ts';
import { envelopeShape } from './resultsEnvelope.ts';
import { resolvedTargetSchema } from './runResults.ts';
import { aggregateStatsSchema } from '../stats/phaseStats.ts';

const ms = z.number().nonnegative().nullable();

export const sweepPointSchema = z.strictObject({
  level: z.number().positive(),
  throughput: z.number().nonnegative(),
  p50: ms,
  p95: ms,
  p99: ms,
  errorRate: z.number().min(0).max(1).nullable(),
  /** Written since sweeps judge sustainability (issue 14); absent in older files. */
  offeredRate: z.number().nonnegative().nullable().optional(),
  dropped: z.number().int().nonnegative().optional(),
  sustainable: z.boolean().optional(),
  stable: z.boolean(),
  windows: z.number().int().nonnegative(),
  stats: aggregateStatsSchema,
});

/** Bumped on any change an older reader could not read. 1: before the envelope (`version: 1`); 2: the envelope. */
export const sweepSchemaVersion = 2;
export const calibrationSchemaVersion = 2;

export const sweepFileSchema = z.strictObject({
  ...envelopeShape('sweep', sweepSchemaVersion),
  scenario: z.string(),
  mode: z.enum(['concurrency', 'rate']),
  /** Rate sweeps: how each level's requests were spread in time (absent in sweeps that did not record it: constant). */
  arrivals: z.enum(['constant', 'poisson']).optional(),
  /** The target swept: what it resolved to (null in sweeps of version 1) and a reference target's options as the scenario gave them. */
  target: z.strictObject({ url: z.string(), kind: z.enum(['url', 'reference']), resolved: resolvedTargetSchema.nullable(), options: z.unknown().optional() }),
  /** The scenario's workload as validated; the report shows its model and version. */
  workload: z.looseObject({ model: z.string(), version: z.string().optional() }),
  p99BudgetMs: z.number().nonnegative(),
  points: z.array(sweepPointSchema),
  knee: sweepPointSchema.optional(),
  startedAt: z.iso.datetime({ offset: true }),
});
export type SweepFile = z.infer<typeof sweepFileSchema>;

export const calibrationFileSchema = z.strictObject({
  ...envelopeShape('calibration', calibrationSchemaVersion),
  model: z.string(),
  modelVersion: z.string().optional(),
  serverOptions: z.unknown().optional(),
  measuredAt: z.iso.datetime({ offset: true }),
  p99BudgetMs: z.number().nonnegative(),
  maxSustainableThroughput: z.number().nonnegative().nullable(),
  peakThroughput: z.number().nonnegative(),
  serviceTimeMs: z.strictObject({ level: z.number().positive(), mean: ms, p50: ms, p90: ms, p95: ms, p99: ms, histogram: z.string() }),
  curve: z.array(z.strictObject({ level: z.number().positive(), throughput: z.number().nonnegative(), p50: ms, p95: ms, p99: ms, sustainable: z.boolean().optional() })),
});
/** The calibration of one replica that the autoscaler simulator reads (see harness/sweep/calibration.ts). */
export type Calibration = z.infer<typeof calibrationFileSchema>;
export type CalibrationFile = Calibration;

// Compile-time checks: what `infercap sweep` writes is what these schemas read.
type Assignable<T, U extends T> = U;
type Mutable<T> = T extends readonly (infer E)[] ? Mutable<E>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
export type SweepWrittenIsRead = Assignable<z.input<typeof sweepFileSchema>, Mutable<SweepResult>>;
