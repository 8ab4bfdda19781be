// Reads any results file `infercap report` has a page for and says what it is, through the one results
// reader (harness/results/resultsFile.ts): each kind validated by its own schema from the registry.

import { parseResults, readResults } from '../harness/results/resultsFile.ts';
import type { ResultsOf } from '../harness/results/resultsKinds.ts';
import { reportedKinds, type ReportedKind } from './reportKinds.ts';

/** The kinds with a report page: one entry each in report/reportKinds.ts. */
export { reportedKinds, type ReportedKind };

/** A file to report on: its `kind` says which. */
export type ReportInput = ResultsOf<ReportedKind>;

/** Validates already-parsed JSON `data` from `path` by the schema of the kind it declares. */
export function parseReportInput(path: string, data: unknown): ReportInput {
  return parseResults(path, data, reportedKinds);
}

/** Reads and validates the file at `path`; throws an InfercapError (exit code 2) naming the file and field. */
export function readReportInput(path: string): Promise<ReportInput> {
  return readResults(path, reportedKinds);
}
