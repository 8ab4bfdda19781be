// One variant of a comparison: a run's results under a label unique within the comparison.

import type { RunResults } from '../results/runResults.ts';

export interface ComparisonVariant {
  readonly label: string;
  readonly results: RunResults;
}
