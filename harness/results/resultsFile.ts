// Reads and writes results files. Writes are atomic (a reader, or a crash, never sees half a file);
// reads validate against the schema and say which file and field is wrong.

import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { invalidResults, resultsUnreadable } from '../../common/errors.ts';
import { writeJsonAtomic } from '../../common/jsonFile.ts';
import { resultsVersion, runResultsSchema, type RunResults } from './runResults.ts';

/** Writes `results` to `path` atomically (see writeJsonAtomic): a killed harness never leaves half a file. */
export function writeResultsAtomic(path: string, results: RunResults): Promise<void> {
  return writeJsonAtomic(path, results);
}

/** The JSON in the file at `path`; `expected` says what it should have been, in the error when it is not JSON. */
export async function readJsonFile(path: string, expected: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw resultsUnreadable(path, code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalidResults(path, undefined, `not JSON (${(error as Error).message}); expected ${expected}`);
  }
}

/** Reads and validates a results file; throws an InfercapError (exit code 2) naming the file and field. */
export async function readResults(path: string): Promise<RunResults> {
  return parseResults(path, await readJsonFile(path, 'an infercap results file'));
}

/** Validates already-parsed JSON `data` from `path` as results. */
export function parseResults(path: string, data: unknown): RunResults {
  const record = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (record?.['tool'] !== 'infercap') {
    throw invalidResults(path, 'tool', 'not an infercap results file (expected "tool": "infercap"); write one with "infercap run --out FILE"');
  }
  if (record['version'] !== resultsVersion) {
    throw invalidResults(path, 'version', `results version ${JSON.stringify(record['version'])} is not supported; this infercap reads version ${resultsVersion}`);
  }
  const parsed = runResultsSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})`;
  throw invalidResults(path, fieldPath(first!), `${first!.message}${more}`);
}

/** `phases[0].latency.p50`-style path of a zod issue; undefined at the top level (an unknown key is named in the message). */
function fieldPath(issue: z.core.$ZodIssue): string | undefined {
  let path = '';
  for (const key of issue.path) {
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`;
  }
  return path === '' ? undefined : path;
}
