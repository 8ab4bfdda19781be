// Messages about results files: reading them, and merging the results of shards.

import { InfercapError } from './infercapError.ts';

export const resultsUnreadable = (path: string, reason: string) =>
  new InfercapError('E_RESULTS_UNREADABLE', `${path}: cannot read results file: ${reason}`);

export const resultsFileMissing = (path: string) => resultsUnreadable(path, 'no such file');

const invalidResults = (path: string, field: string | undefined, problem: string) =>
  new InfercapError('E_INVALID_RESULTS', `${path}: ${field === undefined ? '' : `${field}: `}${problem}`);

/** A zod issue of a results file, relayed with its JSON path (common/config/zodIssues.ts words it). */
export const resultsSchemaIssue = (path: string, field: string, issueMessage: string) => invalidResults(path, field, issueMessage);

/** The first zod issue of a results file (at `field`, undefined for the root), and how many more there are. */
export const resultsSchemaIssues = (path: string, field: string | undefined, issueMessage: string, more: number) =>
  invalidResults(path, field, `${issueMessage}${more === 0 ? '' : ` (and ${more} more problem${more === 1 ? '' : 's'})`}`);

/** `expected` names the kinds of file the reader takes. */
export const resultsNotJson = (path: string, parserProblem: string, expected: string) =>
  invalidResults(path, undefined, `not JSON (${parserProblem}); expected ${expected}`);

/** `expected` names the kinds of file the reader takes. */
export const resultsNotInfercap = (path: string, expected: string) =>
  invalidResults(path, 'tool', `not an infercap results file (expected "tool": "infercap"); expected ${expected}`);

/** The file is a results file, but of another kind than the command reads (`kind` and `expected` as "a plan (infercap plan)"). */
export const resultsKindUnexpected = (path: string, kind: string, expected: string) =>
  new InfercapError('E_RESULTS_KIND', `${path}: is ${kind}, expected ${expected}`);

/** The file declares a kind infercap does not know (`known` lists the kinds with the command that writes each). */
export const resultsKindUnknown = (path: string, kind: string, known: string) =>
  new InfercapError('E_RESULTS_KIND', `${path}: kind: "${kind}" is not a kind of results file infercap reads; it reads ${known}`);

/** The file's schema version is not the one this infercap reads, and cannot be upgraded. */
const resultsVersionUnsupported = (path: string, kind: string, found: string, reads: number, remedy: string) =>
  new InfercapError('E_RESULTS_VERSION', `${path}: ${kind} written by infercap schemaVersion ${found}; this infercap reads schemaVersion ${reads}: ${remedy}`);

export const resultsVersionNewer = (path: string, kind: string, found: string, reads: number) =>
  resultsVersionUnsupported(path, kind, found, reads, 'use a newer infercap to read it');

/** `writtenBy`: the command that writes this kind of file. */
export const resultsVersionOlder = (path: string, kind: string, found: string, reads: number, writtenBy: string) =>
  resultsVersionUnsupported(path, kind, found, reads, `write it again with ${writtenBy}`);

const resultsMismatch = (problem: string) => new InfercapError('E_RESULTS_MISMATCH', `cannot merge these results: ${problem}`);

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
