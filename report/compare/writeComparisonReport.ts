// Writes the comparison of several runs: outDir/comparison.json (the comparison results kind, computed
// once) and its report, outDir/index.html with outDir/charts/<chart>.vl.json + .data.json, rendered from
// that file alone (as `infercap report comparison.json` renders it again).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../common/jsonFile.ts';
import type { ComparisonResults } from '../../harness/results/comparisonResults.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import { writeCharts } from '../writeCharts.ts';
import { comparisonCharts } from './comparisonCharts.ts';
import { comparisonReportPage } from './comparisonPage.ts';
import { computeComparison, type ComparisonOptions } from './computeComparison.ts';

/** Renders `comparison` into `outDir` (created if needed); returns its index.html. Reads nothing else. */
export async function writeComparisonReport(comparison: ComparisonResults, outDir: string): Promise<string> {
  const rendered = await writeCharts(comparisonCharts(comparison.variants), outDir);
  const page = join(outDir, 'index.html');
  await writeFile(page, comparisonReportPage(comparison, rendered));
  return page;
}

/**
 * Computes the comparison of `runs` (the first is the reference; see `computeComparison`), writes it to
 * `outDir/comparison.json` and its report beside it; returns the report's index.html and the comparison.
 */
export async function compareRuns(
  runs: readonly { label: string; results: RunResults }[],
  outDir: string,
  options: ComparisonOptions = {},
): Promise<{ page: string; comparison: ComparisonResults }> {
  const comparison = await computeComparison(runs, options);
  await writeJsonAtomic(join(outDir, 'comparison.json'), comparison);
  return { page: await writeComparisonReport(comparison, outDir), comparison };
}
