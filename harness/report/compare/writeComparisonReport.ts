// Writes the comparison report of several runs: outDir/index.html and outDir/charts/<chart>.vl.json
// + .data.json, as the run report does.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../../results/runResults.ts';
import { fileSource } from '../charts/reportChart.ts';
import { renderChart } from '../renderChart.ts';
import type { RenderedChart } from '../reportPage.ts';
import { uniqueNames } from '../writeReport.ts';
import { comparisonCharts, type ComparisonVariant } from './comparisonCharts.ts';
import { comparisonReportPage } from './comparisonPage.ts';
import { gateOutcome } from './comparisonTables.ts';

/**
 * Writes the comparison of `results` (the first is the reference the ratios are taken against) into
 * `outDir` (created if needed); returns its index.html. Repeated labels are made unique (`a`, `a-2`).
 * With exactly two variants the page also shows the regression gate's verdict of the second against
 * the first, or why the gate could not judge them.
 */
export async function writeComparisonReport(results: readonly { label: string; results: RunResults }[], outDir: string): Promise<string> {
  if (results.length === 0) throw new Error('a comparison needs at least one variant');
  const labels = uniqueNames(results.map((r) => r.label));
  const variants: ComparisonVariant[] = results.map((r, i) => ({ label: labels[i]!, results: r.results }));
  const gate = variants.length === 2 ? gateOutcome(variants[0]!.results, variants[1]!.results) : undefined;
  const chartsDir = join(outDir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  const rendered: RenderedChart[] = [];
  for (const chart of comparisonCharts(variants)) {
    await writeFile(join(chartsDir, `${chart.name}.vl.json`), `${JSON.stringify(chart.spec(fileSource(chart)), null, 2)}\n`);
    await writeFile(join(chartsDir, `${chart.name}.data.json`), `${JSON.stringify(chart.data, null, 2)}\n`);
    rendered.push({ chart, svg: await renderChart(chart) });
  }
  const page = join(outDir, 'index.html');
  await writeFile(page, comparisonReportPage(variants, rendered, gate));
  return page;
}
