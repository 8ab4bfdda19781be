// The results file of `infercap compare` (and of a run with variants): everything the comparison report
// shows, computed once — per-phase ratios, the gate's verdict, model quality, cost and the headline — so
// that rendering it is a pure function of this file. One zod schema that is also its TypeScript type.

import { z } from 'zod';
import { gateVerdictSchema } from '../gate/gateVerdict.ts';
import { envelopeShape } from './resultsEnvelope.ts';
import { runResultsSchema } from './runResults.ts';

/** Bumped on any change that an older reader could not read. 2: the runs compared carry the run's envelope. */
export const comparisonSchemaVersion = 2;

const share = z.number().min(0).max(1);
const nullableRatio = z.number().nonnegative().nullable();

/** A variant's model measured on the MNIST test split, or why it could not be. */
export const variantQualitySchema = z.union([
  z.strictObject({ label: z.string(), model: z.string(), version: z.string(), accuracy: share, agreement: share.nullable(), rows: z.number().int().positive() }),
  z.strictObject({ label: z.string(), unavailable: z.string() }),
]);
export type VariantQuality = Readonly<z.infer<typeof variantQualitySchema>>;

/** One variant's cost figures; `costPerMillion` is null when no phase had a successful response. */
export const variantCostSchema = z.strictObject({
  label: z.string(),
  replicas: z.number().int().positive(),
  /** Rows (predictions) per request. */
  rows: z.number().int().positive(),
  /** The non-warm-up phase with the highest throughput, and that throughput (successful requests/s). */
  phase: z.string().nullable(),
  throughput: z.number().nonnegative(),
  predictionsPerSecond: z.number().nonnegative(),
  costPerMillion: z.number().nonnegative().nullable(),
});
export type VariantCost = Readonly<z.infer<typeof variantCostSchema>>;

/** One variant's measured phase against the first variant's phase of the same name and load. */
export const phaseRatiosSchema = z.strictObject({
  label: z.string(),
  phase: z.string(),
  kind: z.string(),
  /** Open-loop phases: the offered rate, req/s. */
  targetRate: z.number().nonnegative().optional(),
  /** Each figure ÷ the first variant's; null when either has none, the base is 0, or the load differs. */
  ratios: z.strictObject({ throughput: nullableRatio, p50: nullableRatio, p95: nullableRatio, p99: nullableRatio, errorRate: nullableRatio }),
});
export type PhaseRatioRow = Readonly<z.infer<typeof phaseRatiosSchema>>;

export const comparisonResultsSchema = z.strictObject({
  ...envelopeShape('comparison', comparisonSchemaVersion),
  /** The one-line finding: latency at equal offered load and throughput at the ceiling, each named. */
  headline: z.string(),
  /** The runs compared, the first the reference of every ratio; labels unique. */
  variants: z.array(z.strictObject({ label: z.string(), results: runResultsSchema })).min(1),
  ratios: z.array(phaseRatiosSchema),
  /** For exactly two variants, the gate's verdict of the second against the first, or why it could not judge. */
  gate: z.union([z.strictObject({ verdict: gateVerdictSchema }), z.strictObject({ unavailable: z.string() })]).nullable(),
  /** For variants serving different model files; null when not measured. */
  quality: z.array(variantQualitySchema).nullable(),
  costs: z.array(variantCostSchema),
  pricePerReplicaHour: z.number().nonnegative(),
});
export type ComparisonResults = z.infer<typeof comparisonResultsSchema>;
