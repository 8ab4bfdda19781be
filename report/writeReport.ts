// Writes reports to disk: per input file (run results, sweep, calibration, simulation, plan) a folder
// with index.html and charts/<chart>.vl.json + .data.json, and a root index.html linking them. All
// inputs are read (and validated) first, so a bad file fails the command before anything is written.

import { writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { ResultsOf } from '../harness/results/resultsKinds.ts';
import type { RunResults } from '../harness/results/runResults.ts';
import { calibrationFinding, planFinding, runFinding, simulationFinding, sweepFinding, type Finding } from './reportHeadlines.ts';
import { writeReportIndex, type IndexEntry } from './reportIndex.ts';
import { readReportInput, type ReportedKind, type ReportInput } from './reportInput.ts';
import { writePlanReport, writeSimulationReport } from './sim/writeSimReports.ts';
import { writeCalibrationReport, writeSweepReport } from './sweep/writeSweepReport.ts';
import { runReportPage } from './run/reportPage.ts';
import { runCharts } from './run/runCharts.ts';
import { writeCharts } from './writeCharts.ts';
import { writeComparisonReport } from './compare/writeComparisonReport.ts';
import { fidelityFinding, fidelityTitle } from './fidelity/fidelityPage.ts';
import { writeFidelityReport } from './fidelity/writeFidelityReport.ts';

/** What `writeReports` wrote. */
export interface WrittenReports {
  /** The root index.html. */
  readonly index: string;
  /** Each report's index.html, in input order. */
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
export async function writeRunReport(results: RunResults, dir: string): Promise<string> {
  const rendered = await writeCharts(runCharts(results), dir);
  const page = join(dir, 'index.html');
  await writeFile(page, runReportPage(results, results.thresholds, rendered));
  return page;
}

/** A report page of one results kind: its title in the index, its one-line finding, and how it is written. */
interface ReportPage<T> {
  title(results: T): string;
  /** The finding of `results`, read from `source`. */
  finding(results: T, source: string): Finding;
  /** Writes the report into `dir`; returns its index.html. */
  write(results: T, dir: string, source: string): Promise<string>;
}

/** One page per reported kind (reportInput.ts's reportedKinds): a new kind is one entry here. */
const reportPages: { readonly [K in ReportedKind]: ReportPage<ResultsOf<K>> } = {
  run: { title: (results) => results.scenario.name, finding: runFinding, write: (results, dir) => writeRunReport(results, dir) },
  sweep: { title: (sweep) => `Sweep: ${sweep.scenario}`, finding: sweepFinding, write: (sweep, dir) => writeSweepReport(sweep, dir) },
  calibration: {
    title: (calibration) => `Calibration: ${calibration.model}${calibration.modelVersion === undefined ? '' : `/${calibration.modelVersion}`}`,
    finding: calibrationFinding,
    write: (calibration, dir) => writeCalibrationReport(calibration, dir),
  },
  simulation: { title: (simulation) => `${simulation.trace.name} under ${simulation.policy.name}`, finding: simulationFinding, write: (simulation, dir) => writeSimulationReport(simulation, dir) },
  plan: { title: (plan) => `Capacity plan: ${plan.trace.name}`, finding: planFinding, write: (plan, dir) => writePlanReport(plan, dir) },
  comparison: {
    title: (comparison) => `Comparison: ${comparison.variants.map((v) => v.label).join(' vs ')}`,
    // Variants differ on purpose: the gate's verdict on them is information, not a pass or a failure.
    finding: (comparison) => ({ headline: comparison.headline }),
    write: (comparison, dir) => writeComparisonReport(comparison, dir),
  },
  fidelity: { title: fidelityTitle, finding: fidelityFinding, write: (fidelity, dir) => writeFidelityReport(fidelity, dir) },
};

/** The page of `input`'s kind (TypeScript cannot correlate the union with the mapped type by itself). */
const pageOf = (input: ReportInput) => reportPages[input.kind] as unknown as ReportPage<ReportInput>;

/** The title of the report of `input`, as the index lists it. */
export function reportTitleOf(input: ReportInput): string {
  return pageOf(input).title(input);
}

/** The one-line finding of `input` (read from `source`). */
export function findingOf(input: ReportInput, source: string): Finding {
  return pageOf(input).finding(input, source);
}

/** Writes the report `input`'s kind calls for into `dir`; returns its index.html. */
export function writeReportOf(input: ReportInput, dir: string, source = 'results'): Promise<string> {
  return pageOf(input).write(input, dir, source);
}

/**
 * Reads every file in `paths` (run results, sweeps, calibrations, simulations, plans), then writes the
 * report of each into `outDir/<file name>/` and the root index linking them all.
 */
export async function writeReports(paths: readonly string[], outDir: string): Promise<WrittenReports> {
  const inputs: ReportInput[] = [];
  for (const path of paths) {
    const input = await readReportInput(path);
    inputs.push(input);
  }
  const dirs = uniqueNames(paths.map(reportDirName));
  const reports: string[] = [];
  const entries: IndexEntry[] = [];
  for (const [i, input] of inputs.entries()) {
    const source = paths[i]!;
    reports.push(await writeReportOf(input, join(outDir, dirs[i]!), source));
    const finding = findingOf(input, source);
    entries.push({ title: reportTitleOf(input), path: `${dirs[i]!}/index.html`, kind: input.kind, headline: finding.headline, passed: finding.passed, source });
  }
  return { index: await writeReportIndex(entries, outDir), reports };
}
