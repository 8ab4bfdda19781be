// Compares several runs end to end: computes the comparison results once and writes them to
// outDir/comparison.json; `compareRuns` also renders the report beside them from those results alone.

import { join } from 'node:path';
import { writeJsonAtomic } from '../../common/jsonFile.ts';
import { writeComparisonReport } from '../../report/compare/writeComparisonReport.ts';
import type { ComparisonResults } from '../results/comparisonResults.ts';
import type { RunResults } from '../results/runResults.ts';
import { computeComparison, type ComparisonOptions } from './computeComparison.ts';

/** A variant's label: `int8` for the run named `fp32-vs-int8/int8`. */
export function variantLabel(results: RunResults): string {
  const name = results.scenario.name;
  return name.slice(name.indexOf('/') + 1);
}

/** Computes the comparison of `runs` (the first is the reference) and writes it to `outDir/comparison.json`. */
export async function writeComparison(
  runs: readonly { label: string; results: RunResults }[],
  outDir: string,
  options: ComparisonOptions = {},
): Promise<{ comparison: ComparisonResults; file: string }> {
  const comparison = await computeComparison(runs, options);
  const file = join(outDir, 'comparison.json');
  await writeJsonAtomic(file, comparison);
  return { comparison, file };
}

/** `writeComparison`, then its report in `outDir`; returns the report's index.html too. */
export async function compareRuns(
  runs: readonly { label: string; results: RunResults }[],
  outDir: string,
  options: ComparisonOptions = {},
): Promise<{ page: string; comparison: ComparisonResults; file: string }> {
  const written = await writeComparison(runs, outDir, options);
  return { page: await writeComparisonReport(written.comparison, outDir), ...written };
}
