// What a threshold came to, as stored in a results file's `thresholds` and read back by the reports:
// the zod schema is also the TypeScript type, so writer and readers cannot drift apart.

import { z } from 'zod';
import { resultsSchemaIssue } from '../../common/errors.ts';
import type { RunResults } from '../results/runResults.ts';
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
});
export type ThresholdOutcome = z.infer<typeof thresholdOutcomeSchema>;

/**
 * The threshold outcomes stored in `results` (read from `path`, which messages name), validated: the
 * results schema leaves their shape to this module. Throws E_INVALID_RESULTS (exit code 2) naming the
 * entry and field.
 */
export function thresholdOutcomesOf(results: RunResults, path = 'results'): ThresholdOutcome[] {
  return results.thresholds.map((entry, i) => {
    const parsed = thresholdOutcomeSchema.safeParse(entry);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map((key) => `.${String(key)}`).join('');
    throw resultsSchemaIssue(path, `thresholds[${i}]${field}`, issue.message);
  });
}
