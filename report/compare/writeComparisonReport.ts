// Renders a comparison (the comparison results kind, computed by harness/compare) into its report:
// outDir/index.html with outDir/charts/<chart>.vl.json + .data.json, from the results alone (as
// `infercap report comparison.json` renders it again).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComparisonResults } from '../../harness/results/comparisonResults.ts';
import { writeCharts } from '../writeCharts.ts';
import { comparisonCharts } from './comparisonCharts.ts';
import { comparisonReportPage } from './comparisonPage.ts';

/** Renders `comparison` into `outDir` (created if needed); returns its index.html. Reads nothing else. */
export async function writeComparisonReport(comparison: ComparisonResults, outDir: string): Promise<string> {
  const rendered = await writeCharts(comparisonCharts(comparison.variants), outDir);
  const page = join(outDir, 'index.html');
  await writeFile(page, comparisonReportPage(comparison, rendered));
  return page;
}
