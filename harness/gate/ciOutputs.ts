// The CI outputs of `run` and `gate`: `--junit file.xml` and `--summary-md file.md`, the latter also
// appended to GitHub Actions' job summary when `$GITHUB_STEP_SUMMARY` is set.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunResults } from '../results/runResults.ts';
import { junitReport } from './junitReport.ts';
import type { GateVerdict } from './regressionGate.ts';
import { appendStepSummary, summaryMarkdown } from './summaryMarkdown.ts';

/** Where to write each output; an absent or empty path skips that output. */
export interface CiOutputPaths {
  readonly junit?: string | undefined;
  readonly summaryMarkdown?: string | undefined;
}

/**
 * Writes the outputs asked for in `paths` for `results` (its stored threshold outcomes) and `gate`
 * (when a baseline was given). The Markdown goes to the step summary only when `--summary-md` was asked
 * for, so a command never writes where it was not told to. `env` is read for `$GITHUB_STEP_SUMMARY`.
 */
export async function writeCiOutputs(
  results: RunResults,
  gate: GateVerdict | undefined,
  paths: CiOutputPaths,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const thresholds = results.thresholds;
  if (paths.junit) {
    await writeText(paths.junit, junitReport({ scenario: results.scenario.name, thresholds, gate }));
  }
  if (paths.summaryMarkdown) {
    const markdown = summaryMarkdown({ results, thresholds, gate });
    await writeText(paths.summaryMarkdown, markdown);
    await appendStepSummary(markdown, env);
  }
}

async function writeText(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text, 'utf8');
}
