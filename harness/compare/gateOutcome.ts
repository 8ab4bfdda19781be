// The regression gate's verdict of one variant against the first, for a comparison of two: the same
// statistics `infercap gate` judges, or why it could not judge (its usage errors become the reason).

import { ExitCode, isInfercapError } from '../../common/errors.ts';
import { regressionGate, type RegressionGateOptions } from '../gate/regressionGate.ts';
import type { ComparisonResults } from '../results/comparisonResults.ts';
import type { RunResults } from '../results/runResults.ts';

/** The gate's verdict, or why it could not judge (too few intervals, different phases...). */
export type GateOutcome = NonNullable<ComparisonResults['gate']>;

/** Runs the regression gate of `current` against `baseline`; its exit-2 errors become a reason instead of a failure. */
export function gateOutcome(baseline: RunResults, current: RunResults, options?: RegressionGateOptions): GateOutcome {
  try {
    return { verdict: regressionGate(baseline, current, options) };
  } catch (error) {
    if (isInfercapError(error) && error.exitCode === ExitCode.badUsage) return { unavailable: error.message };
    throw error;
  }
}
