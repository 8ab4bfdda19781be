// What `run`, `gate` and `merge` print: the Markdown summary (readable as it is on a terminal) and the
// regression gate verdict, with `--max-regression` read from the user's text.

import { optionNotShare } from '../../common/errors.ts';
import { regressionGate, type GateVerdict } from '../gate/regressionGate.ts';
import { summaryMarkdown } from '../gate/summaryMarkdown.ts';
import type { RunResults } from '../results/runResults.ts';

/** `10%` or `0.1` → 0.1, for the option named `option`. */
export function parseShare(text: string, option = '--max-regression'): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  const value = match === null ? Number.NaN : Number(match[1]) / (match[2] === '%' ? 100 : 1);
  if (!Number.isFinite(value) || value < 0 || value >= 1) {
    throw optionNotShare(option, text);
  }
  return value;
}

/** `10%` or `0.1` → 0.1. */
export const parseMaxRegression = (text: string): number => parseShare(text, '--max-regression');

/** The gate's verdict with the margins as the user wrote them (`10%`; `1%` for the error rate and dropped share). */
export function gateVerdict(baseline: RunResults, current: RunResults, maxRegression: string, maxErrorIncrease?: string): GateVerdict {
  return regressionGate(baseline, current, {
    maxRegression: parseMaxRegression(maxRegression),
    ...(maxErrorIncrease === undefined ? {} : { maxErrorIncrease: parseShare(maxErrorIncrease, '--max-error-increase') }),
  });
}

export function printRunSummary(results: RunResults, gate: GateVerdict | undefined, file: string | undefined, out: NodeJS.WritableStream = process.stdout): void {
  out.write(`\n${summaryMarkdown({ results, thresholds: results.thresholds, ...(gate ? { gate } : {}) })}`);
  if (file !== undefined) out.write(`\nresults: ${file}${results.complete ? '' : ' (incomplete)'}\n`);
}
