// The reports of one `infercap run`: a run report per variant and, when the scenario compared variants
// (fp32 vs int8, batching on vs off), their comparison (computed by harness/compare); an index.html links them all.

import { join } from 'node:path';
import type { ComparisonResults } from '../harness/results/comparisonResults.ts';
import type { RunResults } from '../harness/results/runResults.ts';
import { writeComparisonReport } from './compare/writeComparisonReport.ts';
import { runFinding } from './reportHeadlines.ts';
import { writeReportIndex, type IndexEntry } from './reportIndex.ts';
import { writeRunReport } from './run/writeRunReport.ts';
import { reportDirName, uniqueNames } from './writeReport.ts';

export interface ScenarioReports {
  readonly index: string;
  /** The comparison's index.html, when there were several variants. */
  readonly comparison: string | undefined;
}

/** Writes the reports of `runs` (each with the results file it was written to) and of their `comparison`, when given, into `outDir`. */
export async function writeScenarioReports(
  runs: readonly { readonly file: string; readonly results: RunResults }[],
  outDir: string,
  title: string,
  comparison?: ComparisonResults,
): Promise<ScenarioReports> {
  const entries: IndexEntry[] = [];
  let comparisonPage: string | undefined;
  if (comparison !== undefined) {
    comparisonPage = await writeComparisonReport(comparison, join(outDir, 'comparison'));
    entries.push({ title: `${title}: the variants compared`, path: 'comparison/index.html', kind: 'comparison', headline: comparison.headline });
  }
  const dirs = uniqueNames(runs.map(({ file }) => reportDirName(file)));
  for (const [i, { file, results }] of runs.entries()) {
    await writeRunReport(results, join(outDir, dirs[i]!));
    const finding = runFinding(results);
    entries.push({ title: results.scenario.name, path: `${dirs[i]!}/index.html`, kind: 'run', headline: finding.headline, passed: finding.passed, source: file });
  }
  return { index: await writeReportIndex(entries, outDir, title), comparison: comparisonPage };
}
