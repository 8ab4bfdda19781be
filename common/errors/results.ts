// Messages about results files: reading them, and merging the results of shards.

import { InfercapError } from './infercapError.ts';

export const resultsUnreadable = (path: string, reason: string) =>
  new InfercapError('E_RESULTS_UNREADABLE', `${path}: cannot read results file: ${reason}`);

export const resultsFileMissing = (path: string) => resultsUnreadable(path, 'no such file');

export const invalidResults = (path: string, field: string | undefined, problem: string) =>
  new InfercapError('E_INVALID_RESULTS', `${path}: ${field === undefined ? '' : `${field}: `}${problem}`);

/** A zod issue of a results file, relayed with its JSON path (common/config/zodIssues.ts words it). */
export const resultsSchemaIssue = (path: string, field: string, issueMessage: string) => invalidResults(path, field, issueMessage);

/** `expected` names the kinds of file the reader takes. */
export const resultsNotJson = (path: string, parserProblem: string, expected: string) =>
  invalidResults(path, undefined, `not JSON (${parserProblem}); expected ${expected}`);

export const resultsNotInfercap = (path: string) =>
  invalidResults(path, 'tool', 'not an infercap results file (expected "tool": "infercap"); write one with "infercap run --out FILE"');

export const resultsVersionUnsupported = (path: string, got: unknown, supported: number) =>
  invalidResults(path, 'version', `results version ${JSON.stringify(got)} is not supported; this infercap reads version ${supported}`);

/** `kinds` maps each kind of file a report reads to the command that writes it. */
export const resultsKindUnknown = (path: string, got: unknown, kinds: Readonly<Record<string, string>>) =>
  invalidResults(
    path,
    'kind',
    `"${String(got)}" is not a kind of file infercap reports on; it reads run results (infercap run) and ${Object.entries(kinds).map(([k, command]) => `"${k}" (${command})`).join(', ')}`,
  );

export const resultsMismatch = (problem: string) => new InfercapError('E_RESULTS_MISMATCH', `cannot merge these results: ${problem}`);

export const mergeWithoutResults = () => resultsMismatch('no results given');

/** `which` names the results that differ from the first (`results #2`). */
export const mergeScenariosDiffer = (which: string, scenario: string, firstScenario: string) =>
  resultsMismatch(`${which} ran scenario "${scenario}", results #1 ran "${firstScenario}"; merge shards of one scenario`);

/** `phases` and `firstPhases` are the phase lists as printed (`[ramp, steady (warmup)]`). */
export const mergePhasesDiffer = (which: string, phases: string, firstPhases: string) =>
  resultsMismatch(`${which} has phases ${phases}, results #1 has ${firstPhases}`);

export const mergeOfVariants = (which: string) => resultsMismatch(`${which} holds variants; merge the shard results of each variant instead`);

export const mergeSplitsDiffer = (count: number, otherCount: number) =>
  resultsMismatch(`shards of different splits (/${count} and /${otherCount}); merge shards of one split`);

export const mergeShardTwice = (index: number, count: number) => resultsMismatch(`shard ${index}/${count} appears twice`);
