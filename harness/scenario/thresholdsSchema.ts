// The `thresholds` block of a scenario: k6's shape (metric → list of expressions), parsed at load
// into one flat list of expressions in base units, metric by metric.

import { z } from 'zod';
import { unknownKeysMessage } from '../../common/config/issueMessage.ts';
import { thresholdMetrics, tryParseThresholdExpression, type ThresholdMetric } from './thresholdExpression.ts';

function expressionsOf(metric: ThresholdMetric, description: string) {
  const expression = z.string().transform((text, ctx) => {
    const parsed = tryParseThresholdExpression(metric, text);
    if (parsed.ok) return parsed.expression;
    ctx.addIssue({ code: 'custom', message: parsed.problem, input: text });
    return z.NEVER;
  });
  return z.array(expression).min(1).describe(description).optional();
}

/** Keys are the known metrics only (strict): a misspelt metric is an error, never a threshold silently skipped. */
export const thresholdsSchema = z
  .strictObject({
    latency: expressionsOf('latency', 'Latency from intended send time: "p(95) < 50ms", "p(99.9) < 200ms", "mean < 20ms", "max < 1s" (units ms, s, us).'),
    error_rate: expressionsOf('error_rate', 'Share of failed requests: "< 1%" (or a fraction, "< 0.01").'),
    throughput: expressionsOf('throughput', 'Responses per second: "> 300/s".'),
    dropped: expressionsOf('dropped', 'Open-loop requests that could not be sent on time (k6 dropped_iterations): "== 0".'),
  }, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeysMessage(issue.keys, thresholdMetrics, 'metric') : undefined),
  })
  .transform((byMetric) => Object.values(byMetric).flatMap((expressions) => expressions ?? []))
  .describe('Pass/fail criteria over all non-warmup phases, k6 style; a failed threshold exits with code 99.');
