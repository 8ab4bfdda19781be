// Writes reports to disk: per input file (any kind of reportKinds.ts) a folder with index.html and
// charts/<chart>.vl.json + .data.json, and a root index.html linking them. All inputs are read (and
// validated) first, so a bad file fails the command before anything is written.

import { basename, extname, join } from 'node:path';
import type { Finding } from './reportHeadlines.ts';
import { writeReportIndex, type IndexEntry } from './reportIndex.ts';
import { readReportInput, type ReportInput } from './reportInput.ts';
import { reportKindOf } from './reportKinds.ts';

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

/** The title of the report of `input`, as the index lists it. */
export function reportTitleOf(input: ReportInput): string {
  return reportKindOf(input).title(input);
}

/** The one-line finding of `input` (read from `source`). */
export function findingOf(input: ReportInput, source: string): Finding {
  return reportKindOf(input).finding(input, source);
}

/** Writes the report `input`'s kind calls for into `dir`; returns its index.html. */
export function writeReportOf(input: ReportInput, dir: string, source = 'results'): Promise<string> {
  return reportKindOf(input).write(input, dir, source);
}

/**
 * Reads every file in `paths` (any reported kind), then writes the
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
