// Writes the fidelity report: outDir/index.html and outDir/charts/<chart>.vl.json + .data.json.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FidelityResults } from '../../harness/fidelity/fidelityResults.ts';
import { writeCharts } from '../writeCharts.ts';
import { fidelityCharts } from './fidelityCharts.ts';
import { fidelityReportPage } from './fidelityPage.ts';

/** Writes the report of `results` into `outDir` (created if needed); returns its index.html. */
export async function writeFidelityReport(results: FidelityResults, outDir: string): Promise<string> {
  const rendered = await writeCharts(fidelityCharts(results), outDir);
  const page = join(outDir, 'index.html');
  await writeFile(page, fidelityReportPage(results, rendered));
  return page;
}
