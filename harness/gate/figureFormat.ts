// How the gate's messages, JUnit report and Markdown summary write numbers, in one place so that a
// figure reads the same in a failure message, a CI annotation and a step summary.

import type { ThresholdMetric } from '../scenario/thresholdExpression.ts';

/** `value` to at most `digits` decimals, without trailing zeros (`12.5`, not `12.50`). */
function decimals(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

/** Milliseconds with ~3–4 significant digits: `0.123 ms`, `12.35 ms`, `123.5 ms`, `1234 ms`. */
export function formatMs(ms: number): string {
  const digits = ms < 10 ? 3 : ms < 100 ? 2 : ms < 1000 ? 1 : 0;
  return `${decimals(ms, digits)} ms`;
}

/** A rate per second: `312.5/s`. */
export function formatRate(perSecond: number): string {
  return `${decimals(perSecond, 1)}/s`;
}

/** A fraction as a percentage: 0.0125 → `1.25%`. */
export function formatPercent(fraction: number): string {
  return `${decimals(fraction * 100, 2)}%`;
}

/** A value of `metric` in its base unit, written in the unit a threshold would use. */
export function formatMetricValue(metric: ThresholdMetric, value: number): string {
  switch (metric) {
    case 'latency':
      return formatMs(value);
    case 'error_rate':
      return formatPercent(value);
    case 'throughput':
      return formatRate(value);
    case 'dropped':
      return String(value);
  }
}

/** A ratio current/baseline as a signed change: 1.3 → `+30.0%`, 0.95 → `-5.0%`. */
export function formatChange(ratio: number): string {
  const percent = (ratio - 1) * 100;
  // toFixed rounds -0.04 to "-0.0"; a change that rounds to nothing has no sign.
  const text = Math.abs(percent).toFixed(1);
  if (text === '0.0') return '0.0%';
  return `${percent > 0 ? '+' : '-'}${text}%`;
}

/** A difference of two shares in percentage points: 0.091 → `+9.10 pp`, -0.002 → `-0.20 pp`. */
export function formatPointChange(difference: number): string {
  const text = Math.abs(difference * 100).toFixed(2);
  if (text === '0.00') return '0.00 pp';
  return `${difference > 0 ? '+' : '-'}${text} pp`;
}

/** An allowed difference of two shares, in percentage points: 0.01 → `1 pp`. */
export function formatPoints(share: number): string {
  return `${decimals(share * 100, 2)} pp`;
}
