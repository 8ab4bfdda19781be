// The results file of `infercap plan` (kind "plan"): the fixed-fleet sizing, every HPA policy the search
// evaluated with its cost and SLO attainment, the Pareto frontier, the recommendation and its reasons.
// Versioned JSON whose zod schema is also its TypeScript type; the HTML capacity-plan report reads it.

import { z } from 'zod';
import { envelopeShape } from '../../harness/results/resultsEnvelope.ts';
import { seriesSchema, simulatedSetupShape } from '../simulate/simulationResults.ts';

/** Bumped on any change that an older reader could not read. 1: before the envelope (`version: 1`); 2: the envelope. */
export const planSchemaVersion = 2;

const count = z.number().nonnegative();
const share = z.number().min(0).max(1);

/** What one policy achieved over the whole trace. */
export const policyOutcomeSchema = z.strictObject({
  cost: count,
  replicaHours: count,
  costPerMillionRequests: count.nullable(),
  attainment: z.strictObject({ seconds: share, requests: share }),
  meetsSlo: z.boolean(),
  rejected: count,
  /** Request-weighted percentiles of the per-second latency figures (ms), as in the simulation summary. */
  latencyMs: z.strictObject({ p50: count.nullable(), p95: count.nullable(), p99: count.nullable() }),
  replicas: z.strictObject({ min: count, max: count, mean: count }),
  scaleEvents: z.strictObject({ up: z.number().int().nonnegative(), down: z.number().int().nonnegative() }),
});
export type PolicyOutcome = z.infer<typeof policyOutcomeSchema>;

/** A fixed fleet sized for one load level (the peak, or the 99th percentile of the per-second load). */
export const fixedFleetOptionSchema = z.strictObject({
  /** The load it was sized for (requests per second). */
  loadRps: count,
  /** The fewest replicas that keep the SLO percentile within bound at that load, steadily. */
  replicas: z.number().int().positive(),
  outcome: policyOutcomeSchema,
});
export type FixedFleetOption = z.infer<typeof fixedFleetOptionSchema>;

/** The HPA knobs a candidate was built from (the search grid's coordinates). */
export const candidateSettingsSchema = z.strictObject({
  metric: z.enum(['cpu', 'rps', 'inflight', 'p95']),
  /** The target in the metric's natural unit: percent (cpu), req/s per pod (rps), requests per pod (inflight), ms (p95). */
  target: z.number().positive(),
  minReplicas: z.number().int().nonnegative(),
  maxReplicas: z.number().int().positive(),
  scaleUpStabilizationSeconds: z.number().int().nonnegative(),
  scaleDownStabilizationSeconds: z.number().int().nonnegative(),
  /** The scale-up rate policy: at most `pods` pods or `percent` % per `periodSeconds` (selectPolicy Max). */
  scaleUpPods: z.number().int().positive(),
  scaleUpPercent: z.number().int().positive(),
  scaleUpPeriodSeconds: z.number().int().positive(),
});
export type CandidateSettings = z.infer<typeof candidateSettingsSchema>;

export const candidateSchema = z.strictObject({
  /** Stable within one plan: `c0`, `c1`, ... in evaluation order. */
  id: z.string(),
  /** Human-readable: `cpu 60 %, 2–12 replicas, down window 300 s, up 4 pods/100 %/15 s`. */
  label: z.string(),
  settings: candidateSettingsSchema,
  /** The autoscaling/v2 HorizontalPodAutoscalerSpec it simulates (milli-unit quantities as in `infercap hpa`). */
  spec: z.unknown(),
  outcome: policyOutcomeSchema,
  /** On the cost vs SLO-attainment (by requests) Pareto frontier: no other candidate is cheaper and at least as good. */
  pareto: z.boolean(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const recommendationSchema = z.strictObject({
  /** The candidate recommended, or "fixed-p99"/"fixed-peak" when no autoscaling policy beats a fixed fleet. */
  candidateId: z.string(),
  kind: z.enum(['hpa', 'fixed']),
  label: z.string(),
  outcome: policyOutcomeSchema,
  /** Sentences for the reader: "37 % cheaper than the fixed fleet of 8 replicas at equal SLO attainment". */
  reasons: z.array(z.string()),
  /** Relative saving against the fixed fleet sized at peak (0.37 = 37 % cheaper); negative when it costs more. */
  savingVsFixedPeak: z.number(),
  savingVsFixedP99: z.number(),
});
export type Recommendation = z.infer<typeof recommendationSchema>;

export const planResultsSchema = z.strictObject({
  ...envelopeShape('plan', planSchemaVersion),
  ...simulatedSetupShape,
  fixedFleet: z.strictObject({ atPeak: fixedFleetOptionSchema, atP99: fixedFleetOptionSchema }),
  search: z.strictObject({
    /** `grid`: every policy simulated to the end; `pruned-grid`: policies that provably could not be the recommendation stopped early. */
    method: z.enum(['grid', 'pruned-grid']),
    /** Policies simulated, fixed fleets included (pruned ones too). */
    evaluated: z.number().int().nonnegative(),
    workers: z.number().int().positive(),
    elapsedMs: count,
    /** Seconds of the pilot window that ordered the pruned search (0: none). */
    pilotSeconds: count.default(0),
    /** Policies not simulated: their evaluation is that of a policy differing only by tighter scale-up rules, never held back by them. */
    shared: z.number().int().nonnegative().default(0),
    /** The policies stopped early, why, and at which second; `candidates` holds the others. */
    pruned: z
      .array(z.strictObject({ id: z.string(), label: z.string(), reason: z.enum(['cannot-meet-slo', 'cannot-beat-cheapest']), atSecond: z.number().int().nonnegative() }))
      .default([]),
  }),
  candidates: z.array(candidateSchema),
  /** null when no policy, fixed or autoscaled, meets the SLO (the reasons say so in `notes`). */
  recommended: recommendationSchema.nullable(),
  /** Downsampled per-second series of the recommended policy and of the fixed fleet sized at peak. */
  series: z.strictObject({ recommended: seriesSchema.nullable(), fixedFleet: seriesSchema }),
  /** The autoscaling/v2 HorizontalPodAutoscaler manifest of the recommendation as YAML text; null for a fixed fleet. */
  hpaYaml: z.string().nullable(),
  /** Anything the reader should know: SLO not reachable, search limits hit, ... */
  notes: z.array(z.string()),
});

/** One `infercap plan` results file. */
export type PlanResults = z.infer<typeof planResultsSchema>;
