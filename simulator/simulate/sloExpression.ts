// Parses a latency SLO as users write it, `p95 < 100ms` or `p(95) < 100ms` (the one latency-condition grammar of
// thresholds, harness/scenario/thresholdExpression.ts), with the share of requests that must meet it (`--objective 99%`).

import { objectiveNotShare, sloBoundNotPositive, sloNotValid } from '../../common/errors.ts';
import { tryParseThresholdExpression } from '../../harness/scenario/thresholdExpression.ts';
import type { Slo } from './simulationResults.ts';

/** The percentiles the service model predicts. */
const modelledPercentiles: readonly number[] = [50, 95, 99];

/** The SLO named by `text` (the option `flag` in errors) with `objective` (0.99, "99%" or "99"). Throws exit-2 errors. */
export function parseSlo(text: string, objective: number | string = 0.99, flag = '--slo'): Slo {
  const parsed = tryParseThresholdExpression('latency', text);
  if (!parsed.ok) throw sloNotValid(flag, text, parsed.problem.slice(text.length + 4));
  const { percentile, operator, value: thresholdMs } = parsed.expression;
  if (percentile === undefined || !modelledPercentiles.includes(percentile) || (operator !== '<' && operator !== '<=')) {
    throw sloNotValid(flag, text);
  }
  if (!(thresholdMs > 0)) throw sloBoundNotPositive(flag);
  return { text: `p${percentile} < ${thresholdMs}ms`, percentile: `p${percentile}` as Slo['percentile'], thresholdMs, objective: parseObjective(objective) };
}

function parseObjective(objective: number | string): number {
  const text = String(objective).trim();
  const percent = text.endsWith('%');
  const value = Number(percent ? text.slice(0, -1) : text);
  const share = percent || value > 1 ? value / 100 : value;
  if (!Number.isFinite(share) || share <= 0 || share > 1) throw objectiveNotShare(text);
  return share;
}
