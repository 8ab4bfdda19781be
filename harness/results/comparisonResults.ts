// The results file of `infercap compare` (and of a run with variants): everything the comparison report
// shows, computed once — per-phase ratios, the gate's verdict, model quality, cost and the headline — so
// that rendering it is a pure function of this file. One zod schema that is also its TypeScript type.

import { z } from 'zod';
import { gateVerdictSchema } from '../gate/gateVerdict.ts';
import { envelopeShape } from './resultsEnvelope.ts';
import { runResultsSchema } from './runResults.ts';

/**
 * Bumped on any change that an older reader could not read. 2: the runs compared carry the run's envelope.
 * 3: model quality output by output (agreement and accuracy, or errors and cosine) and the recommendation.
 */
export const comparisonSchemaVersion = 3;

const share = z.number().min(0).max(1);
const nullableRatio = z.number().nonnegative().nullable();

/** A class-scores output (`[rows, classes]` floats): top-1 agreement with the first variant's, accuracy against labels when given. */
export const classOutputQualitySchema = z.strictObject({
  output: z.string(),
  kind: z.literal('classes'),
  rows: z.number().int().nonnegative(),
  classes: z.number().int().min(2),
  agreement: share,
  accuracy: share.nullable(),
});

/** Any other output, element by element against the first variant's. */
export const valueOutputQualitySchema = z.strictObject({
  output: z.string(),
  kind: z.literal('values'),
  elements: z.number().int().nonnegative(),
  maxAbsError: z.number().nonnegative(),
  /** Mean of |value − first's| / |first's| over the elements whose first value is not 0; null when all are. */
  meanRelError: z.number().nonnegative().nullable(),
  cosine: z.number().min(-1).max(1),
});
export type OutputQuality = Readonly<z.infer<typeof classOutputQualitySchema> | z.infer<typeof valueOutputQualitySchema>>;

/** A variant's model file run on the quality inputs, output by output, or why it could not be. */
export const variantQualitySchema = z.union([
  z.strictObject({
    label: z.string(),
    /** The model's name (its file's, when given by --model-file) and version; null for the server's default. */
    model: z.string(),
    version: z.string().nullable(),
    file: z.string(),
    outputs: z.array(z.discriminatedUnion('kind', [classOutputQualitySchema, valueOutputQualitySchema])),
    /** Whether every output meets the bar: agreement (class scores) or cosine similarity (values). */
    meetsBar: z.boolean(),
  }),
  z.strictObject({ label: z.string(), unavailable: z.string() }),
]);
export type VariantQuality = Readonly<z.infer<typeof variantQualitySchema>>;

/** What the variants' model files were run on, the bar a variant's outputs must meet to ship, and each variant's outputs. */
export const modelQualitySchema = z.strictObject({
  inputs: z.strictObject({ source: z.enum(['mnist', 'run', 'quality-data']), description: z.string() }),
  bar: z.strictObject({ minAgreement: share, minCosine: z.number().min(-1).max(1) }),
  variants: z.array(variantQualitySchema),
});
export type ModelQuality = Readonly<z.infer<typeof modelQualitySchema>>;

/** Which variant to ship, and why: the faster one when its outputs meet the bar and the gate passed; else the first. */
export const shipRecommendationSchema = z.strictObject({
  ship: z.string(),
  reason: z.string(),
});
export type ShipRecommendation = Readonly<z.infer<typeof shipRecommendationSchema>>;

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
  /** The one-line finding: which variant to ship and why, then latency at equal offered load and throughput at the ceiling. */
  headline: z.string(),
  recommendation: shipRecommendationSchema,
  /** The runs compared, the first the reference of every ratio; labels unique. */
  variants: z.array(z.strictObject({ label: z.string(), results: runResultsSchema })).min(1),
  ratios: z.array(phaseRatiosSchema),
  /** For exactly two variants, the gate's verdict of the second against the first, or why it could not judge. */
  gate: z.union([z.strictObject({ verdict: gateVerdictSchema }), z.strictObject({ unavailable: z.string() })]).nullable(),
  /** For variants serving different model files; null when not measured (one model file, or --no-quality). */
  quality: modelQualitySchema.nullable(),
  costs: z.array(variantCostSchema),
  pricePerReplicaHour: z.number().nonnegative(),
});
export type ComparisonResults = z.infer<typeof comparisonResultsSchema>;
