// The one reader and writer of results files, whatever their kind. Writes are atomic (a reader, or a
// crash, never sees half a file). Reads tell the kind by the file's `kind` (run files of version 1 had
// none), check it is one the caller reads, upgrade older files where resultsKinds.ts can, and validate
// by the kind's schema, naming the file and field that is wrong.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resultsFileMissing, resultsKindUnexpected, resultsKindUnknown, resultsNotInfercap, resultsNotJson, resultsSchemaIssues, resultsUnreadable, resultsVersionNewer, resultsVersionOlder } from '../../common/errors.ts';
import { writeJsonAtomic } from '../../common/jsonFile.ts';
import { formatFieldPath } from '../../common/config/zodIssues.ts';
import { describeKind, isResultsKind, resultsKindNames, resultsKinds, type AnyResults, type ResultsKindName, type ResultsOf } from './resultsKinds.ts';

/** Writes `results` to `path` atomically (see writeJsonAtomic): a killed harness never leaves half a file. */
export function writeResultsAtomic(path: string, results: AnyResults): Promise<void> {
  return writeJsonAtomic(path, results);
}

/** Reads and validates the results file at `path`, which must be of one of the `expected` kinds. Throws an InfercapError (exit code 2) naming the file and field. */
export async function readResults<K extends ResultsKindName>(path: string, expected: readonly K[]): Promise<ResultsOf<K>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  return parseResultsText(path, text, expected);
}

/** readResults, for synchronous loaders (an instance profile reads its calibration while it is loaded). */
export function readResultsSync<K extends ResultsKindName>(path: string, expected: readonly K[]): ResultsOf<K> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  return parseResultsText(path, text, expected);
}

function unreadable(path: string, error: unknown) {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? resultsFileMissing(path) : resultsUnreadable(path, (error as Error).message);
}

function parseResultsText<K extends ResultsKindName>(path: string, text: string, expected: readonly K[]): ResultsOf<K> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw resultsNotJson(path, (error as Error).message, expectedText(expected));
  }
  return parseResults(path, data, expected);
}

/** Validates already-parsed JSON `data` from `path` as a results file of one of the `expected` kinds. */
export function parseResults<K extends ResultsKindName>(path: string, data: unknown, expected: readonly K[]): ResultsOf<K> {
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (record?.['tool'] !== 'infercap') {
    throw resultsNotInfercap(path, expectedText(expected));
  }
  // Run results of version 1 declared no kind.
  const kind = record['kind'] ?? 'run';
  if (!isResultsKind(kind)) throw resultsKindUnknown(path, String(kind), listText(resultsKindNames));
  if (!(expected as readonly string[]).includes(kind)) throw resultsKindUnexpected(path, describeKind(kind), expectedText(expected));
  const entry = resultsKinds[kind] as (typeof resultsKinds)[ResultsKindName];
  const declared = record['schemaVersion'] ?? record['version'];
  let current: unknown = record;
  if (declared !== entry.schemaVersion) {
    const found = declared === undefined ? 'none' : String(declared);
    const upgrade = 'upgrades' in entry ? (entry.upgrades as Record<string, (data: Record<string, unknown>) => unknown>)[found] : undefined;
    if (upgrade === undefined) {
      const newer = typeof declared === 'number' && declared > entry.schemaVersion;
      throw newer ? resultsVersionNewer(path, entry.noun, found, entry.schemaVersion) : resultsVersionOlder(path, entry.noun, found, entry.schemaVersion, entry.writtenBy);
    }
    current = upgrade(record);
  }
  const parsed = entry.schema.safeParse(current);
  if (parsed.success) return parsed.data as ResultsOf<K>;
  const [first, ...rest] = parsed.error.issues;
  const field = formatFieldPath(first!.path, '');
  throw resultsSchemaIssues(path, field === '' ? undefined : field, first!.message, rest.length);
}

/** `a calibration (infercap sweep)`, `run results (infercap run) or a comparison (infercap compare)`. */
function expectedText(expected: readonly ResultsKindName[]): string {
  return listText(expected, 'or');
}

function listText(kinds: readonly ResultsKindName[], conjunction = 'and'): string {
  const described = kinds.map(describeKind);
  return described.length <= 1 ? (described[0] ?? '') : `${described.slice(0, -1).join(', ')} ${conjunction} ${described.at(-1)}`;
}
