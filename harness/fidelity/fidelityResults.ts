// The fidelity results kind: one replay of a trace window against a real fleet and the simulation of the same
// arrivals on the same calibration and cluster, side by side per second and in total, with their errors and
// the verdict against the goals. One zod schema, which is also the type; `infercap fidelity` writes it.

import { z } from 'zod';
import { envelopeShape } from '../results/resultsEnvelope.ts';
import { calibrationFileSchema } from '../results/sweepResults.ts';
import { errorCountsSchema } from '../stats/phaseStats.ts';
import { clusterSummarySchema, serviceModelSummarySchema } from '../../simulator/simulate/simulationResults.ts';

/** Bumped on any change that an older reader could not read. */
export const fidelitySchemaVersion = 1;

const ms = z.number().nonnegative().nullable();
const count = z.number().int().nonnegative();
/** (simulated − real) / real; 0 when both are 0, null when the real figure is 0 (or either is missing). */
const relative = z.number().nullable();

/** What one side (the real fleet, or the simulator) did, over the whole window or in one second. */
export const fidelityFiguresSchema = z.strictObject({
  /** Successful responses per second (real: 2xx answers; simulated: served). */
  throughput: z.number().nonnegative(),
  /** Requests turned away (real: 429 and 503 answers; simulated: queue full, or no ready replica). Fractional in the simulator. */
  rejected: z.number().nonnegative(),
  p50: ms,
  p95: ms,
  p99: ms,
});
export type FidelityFigures = z.infer<typeof fidelityFiguresSchema>;

export const fidelityErrorsSchema = z.strictObject({ throughput: relative, rejected: relative, p50: relative, p95: relative, p99: relative });
export type FidelityErrors = z.infer<typeof fidelityErrorsSchema>;

/** One second of the replay, [t, t + 1) from its start, on both sides. */
export const fidelitySecondSchema = z.strictObject({
  t: count,
  /** Requests the replay made due in this second: the simulator's arrivals of the same second. */
  arrivals: count,
  real: fidelityFiguresSchema,
  simulated: fidelityFiguresSchema,
});
export type FidelitySecond = z.infer<typeof fidelitySecondSchema>;

/** The goals the verdict checks: |relative error| of the totals at most these. */
export const fidelityGoalsSchema = z.strictObject({ throughput: z.number().nonnegative(), p95: z.number().nonnegative() });
export type FidelityGoals = z.infer<typeof fidelityGoalsSchema>;

export const fidelityComparisonSchema = z.strictObject({
  totals: z.strictObject({ real: fidelityFiguresSchema, simulated: fidelityFiguresSchema, error: fidelityErrorsSchema }),
  /**
   * Per-second agreement: throughput as Σ|simulated − real| / Σ real over the seconds (weighted, so quiet
   * seconds do not dominate); p95 as the mean |relative error| over the seconds where both sides have one.
   */
  perSecondError: z.strictObject({ throughput: relative, p95: relative }),
  goals: fidelityGoalsSchema,
  verdict: z.strictObject({ throughput: z.boolean(), p95: z.boolean(), met: z.boolean() }),
  seconds: z.array(fidelitySecondSchema),
});
export type FidelityComparison = z.infer<typeof fidelityComparisonSchema>;

export const fidelityResultsSchema = z.strictObject({
  ...envelopeShape('fidelity', fidelitySchemaVersion),
  model: z.string(),
  /** The fleet replayed against: a reference fleet this command started, or a URL with its replica count as given. */
  target: z.strictObject({ url: z.string(), kind: z.enum(['reference', 'url']), replicas: z.number().int().positive() }),
  trace: z.strictObject({
    file: z.string(),
    /** The window of the original trace, seconds from its start, [start, end). */
    window: z.strictObject({ start: z.number().nonnegative(), end: z.number().positive() }),
    speedup: z.number().positive(),
    scale: z.number().nonnegative(),
    arrivals: z.enum(['constant', 'poisson']),
    seed: z.number().int(),
    /** Seconds replayed (and simulated): the compressed window. */
    seconds: z.number().int().positive(),
    /** Requests the replay made due, and the simulator received. */
    requests: count,
  }),
  calibration: calibrationFileSchema,
  latencyModel: z.enum(['queueing', 'curve']),
  /** Which of the calibration's throughputs the simulator took as a replica's capacity (absent in files before the choice: sustainable). */
  capacitySource: z.enum(['peak', 'sustainable']).default('sustainable'),
  serviceModel: serviceModelSummarySchema,
  cluster: clusterSummarySchema,
  /** The replay as the harness recorded it. */
  run: z.strictObject({ sent: count, ok: count, dropped: count, errors: errorCountsSchema, drainMs: z.number().nonnegative() }),
  ...fidelityComparisonSchema.shape,
});
/** One `infercap fidelity` results file. */
export type FidelityResults = z.infer<typeof fidelityResultsSchema>;
