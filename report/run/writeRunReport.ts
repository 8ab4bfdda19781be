// Writes the report of one run: its charts and its page.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../../harness/results/runResults.ts';
import { writeCharts } from '../writeCharts.ts';
import { runReportPage } from './reportPage.ts';
import { runCharts } from './runCharts.ts';

/** Writes the report of `results` into `dir` (created if needed); returns its index.html. */
export async function writeRunReport(results: RunResults, dir: string): Promise<string> {
  const rendered = await writeCharts(runCharts(results), dir);
  const page = join(dir, 'index.html');
  await writeFile(page, runReportPage(results, results.thresholds, rendered));
  return page;
}
