// The results file of the reliability suite (`npm run reliability`), kind "reliability": the shared
// envelope, the table of figures with their goals and verdicts, and each part's raw figures.

import { z } from 'zod';
import { envelopeShape } from './resultsEnvelope.ts';

/** Bumped on any change an older reader could not read. 1: the envelope (files before it had no schemaVersion). */
export const reliabilitySchemaVersion = 1;

/**
 * Whether a figure met its goal: `not exercised` when the run never reached the situation the goal is
 * about (nothing was shed, no request was in flight on the killed replica), `no goal` for figures shown
 * for context. Only `missed` fails the suite.
 */
export const verdictSchema = z.enum(['met', 'missed', 'not exercised', 'no goal']);
export type Verdict = z.infer<typeof verdictSchema>;

export const reliabilityRowSchema = z.strictObject({
  part: z.string(),
  figure: z.string(),
  value: z.string(),
  goal: z.string(),
  verdict: verdictSchema,
});
export type ReliabilityRow = Readonly<z.infer<typeof reliabilityRowSchema>>;

export const reliabilityResultsSchema = z.strictObject({
  ...envelopeShape('reliability', reliabilitySchemaVersion),
  /** Every part run briefly (RELIABILITY_SHORT=1): goals on counts are not judged. */
  short: z.boolean(),
  startedAt: z.iso.datetime({ offset: true }),
  rows: z.array(reliabilityRowSchema),
  /** Each part's raw figures, by part; their shapes belong to the parts (bench/reliability/*Run.ts). */
  figures: z.record(z.string(), z.unknown()),
});
export type ReliabilityResults = z.infer<typeof reliabilityResultsSchema>;
