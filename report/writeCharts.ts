// Writes a report's charts next to its page: charts/<name>.vl.json (the spec, reading its data file)
// and charts/<name>.data.json, and renders each to inline SVG for the page.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSource, type ReportChart } from './reportChart.ts';
import { renderChart } from './renderChart.ts';
import type { RenderedChart } from './run/reportPage.ts';

/** Saves every chart's spec and data under `dir/charts` (created if needed) and returns them rendered, in order. */
export async function writeCharts(charts: readonly ReportChart[], dir: string): Promise<RenderedChart[]> {
  const chartsDir = join(dir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  const rendered: RenderedChart[] = [];
  for (const chart of charts) {
    await writeFile(join(chartsDir, `${chart.name}.vl.json`), `${JSON.stringify(chart.spec(fileSource(chart)), null, 2)}\n`);
    await writeFile(join(chartsDir, `${chart.name}.data.json`), `${JSON.stringify(chart.data, null, 2)}\n`);
    rendered.push({ chart, svg: await renderChart(chart) });
  }
  return rendered;
}
