// What a threshold came to, as stored in a run results file's `thresholds`: the zod schema is also the
// TypeScript type and part of the run's schema, so the one results reader validates it with the rest.

import { z } from 'zod';
import { thresholdMetrics } from '../scenario/thresholdExpression.ts';

/** One threshold, judged. */
export const thresholdOutcomeSchema = z.strictObject({
  metric: z.enum(thresholdMetrics),
  /** The expression as the scenario wrote it, e.g. `p(95) < 50ms`. */
  expression: z.string(),
  /** The statistic measured, in base units (ms, fraction, req/s, count); null when there were no samples. */
  observed: z.number().nullable(),
  passed: z.boolean(),
  /** Why it failed (`no samples`, or the observed value against the bound); absent when it passed. */
  reason: z.string().optional(),
  /** A mix model's own threshold: the model (`name` or `name:version`) whose part of the run it judged. */
  model: z.string().optional(),
});
export type ThresholdOutcome = z.infer<typeof thresholdOutcomeSchema>;

/** How summaries, reports and JUnit name the measure an outcome judged: `latency`, or `latency{model:a:2}` (k6's tag syntax) for a mix model's own. */
export function thresholdMeasure(outcome: Pick<ThresholdOutcome, 'metric' | 'model'>): string {
  return outcome.model === undefined ? outcome.metric : `${outcome.metric}{model:${outcome.model}}`;
}

