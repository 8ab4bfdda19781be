// The reports of one `infercap run`: a run report per variant and, when the scenario compared variants
// (fp32 vs int8, batching on vs off), their comparison; an index.html links them all.

import { join } from 'node:path';
import type { RunResults } from '../harness/results/runResults.ts';
import type { ComparisonOptions } from './compare/computeComparison.ts';
import { compareRuns } from './compare/writeComparisonReport.ts';
import { runFinding } from './reportHeadlines.ts';
import { writeReportIndex, type IndexEntry } from './reportIndex.ts';
import { reportDirName, uniqueNames, writeRunReport } from './writeReport.ts';

export interface ScenarioReports {
  readonly index: string;
  /** The comparison's index.html, when there were several variants. */
  readonly comparison: string | undefined;
}

/** A variant's label: `int8` for the run named `fp32-vs-int8/int8`. */
function variantLabel(results: RunResults): string {
  const name = results.scenario.name;
  return name.slice(name.indexOf('/') + 1);
}

/** Writes the reports of `runs` (each with the results file it was written to) into `outDir`. */
export async function writeScenarioReports(
  runs: readonly { readonly file: string; readonly results: RunResults }[],
  outDir: string,
  title: string,
  options: ComparisonOptions = {},
): Promise<ScenarioReports> {
  const entries: IndexEntry[] = [];
  let comparison: string | undefined;
  if (runs.length > 1) {
    const variants = runs.map(({ results }) => ({ label: variantLabel(results), results }));
    const written = await compareRuns(variants, join(outDir, 'comparison'), options);
    comparison = written.page;
    entries.push({ title: `${title}: the variants compared`, path: 'comparison/index.html', kind: 'comparison', headline: written.comparison.headline });
  }
  const dirs = uniqueNames(runs.map(({ file }) => reportDirName(file)));
  for (const [i, { file, results }] of runs.entries()) {
    await writeRunReport(results, join(outDir, dirs[i]!));
    const finding = runFinding(results);
    entries.push({ title: results.scenario.name, path: `${dirs[i]!}/index.html`, kind: 'run', headline: finding.headline, passed: finding.passed, source: file });
  }
  return { index: await writeReportIndex(entries, outDir, title), comparison };
}
