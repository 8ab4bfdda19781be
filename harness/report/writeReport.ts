// Writes run reports to disk: per results file a folder with index.html and charts/<chart>.vl.json
// + .data.json, and a root index.html linking them. All inputs are read (and validated) first, so a
// bad file fails the command before anything is written.

import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { thresholdOutcomesOf } from '../gate/thresholdOutcome.ts';
import { readResults } from '../results/resultsFile.ts';
import type { RunResults } from '../results/runResults.ts';
import { fileSource } from './charts/reportChart.ts';
import { renderChart } from './renderChart.ts';
import { reportIndexPage, type IndexEntry } from './reportIndex.ts';
import { runReportPage, type RenderedChart } from './reportPage.ts';
import { runCharts } from './runCharts.ts';

/** What `writeReports` wrote. */
export interface WrittenReports {
  /** The root index.html. */
  readonly index: string;
  /** Each run report's index.html, in input order. */
  readonly reports: readonly string[];
}

/** A folder name for the results file at `path`: its base name without `.json`, limited to safe characters. */
export function reportDirName(path: string): string {
  const stem = basename(path, extname(path)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return stem === '' ? 'run' : stem;
}

/** `names` made unique by suffixing repeats: `a`, `a-2`, `a-3`. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}-${count}`;
  });
}

/** Writes the report of `results` into `dir` (created if needed); returns its index.html. */
export async function writeRunReport(results: RunResults, dir: string, source = 'results'): Promise<string> {
  const thresholds = thresholdOutcomesOf(results, source);
  const chartsDir = join(dir, 'charts');
  await mkdir(chartsDir, { recursive: true });
  const rendered: RenderedChart[] = [];
  for (const chart of runCharts(results)) {
    await writeFile(join(chartsDir, `${chart.name}.vl.json`), `${JSON.stringify(chart.spec(fileSource(chart)), null, 2)}\n`);
    await writeFile(join(chartsDir, `${chart.name}.data.json`), `${JSON.stringify(chart.data, null, 2)}\n`);
    rendered.push({ chart, svg: await renderChart(chart) });
  }
  const page = join(dir, 'index.html');
  await writeFile(page, runReportPage(results, thresholds, rendered));
  return page;
}

/** Reads every results file in `paths` and writes their reports and the root index into `outDir`. */
export async function writeReports(paths: readonly string[], outDir: string): Promise<WrittenReports> {
  const runs: RunResults[] = [];
  for (const path of paths) {
    const results = await readResults(path);
    thresholdOutcomesOf(results, path);
    runs.push(results);
  }
  const dirs = uniqueNames(paths.map(reportDirName));
  const reports: string[] = [];
  const entries: IndexEntry[] = [];
  for (const [i, results] of runs.entries()) {
    const source = paths[i]!;
    reports.push(await writeRunReport(results, join(outDir, dirs[i]!), source));
    const thresholds = thresholdOutcomesOf(results, source);
    entries.push({
      dir: dirs[i]!,
      scenario: results.scenario.name,
      source,
      startedAt: results.startedAt,
      passed: thresholds.length === 0 ? undefined : thresholds.every((outcome) => outcome.passed),
    });
  }
  const index = join(outDir, 'index.html');
  await mkdir(outDir, { recursive: true });
  await writeFile(index, reportIndexPage(entries));
  return { index, reports };
}
