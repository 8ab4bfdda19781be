// Reads and writes results files. Writes are atomic (a reader, or a crash, never sees half a file);
// reads validate against the schema and say which file and field is wrong.

import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { invalidResults, resultsUnreadable } from '../../common/errors.ts';
import { resultsVersion, runResultsSchema, type RunResults } from './runResults.ts';

/**
 * Writes `results` to `path` as JSON: a temporary file in the same directory (so the rename stays on
 * one file system), flushed to disk, then renamed over `path`. Creates the directory if needed.
 */
export async function writeResultsAtomic(path: string, results: RunResults): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temporary = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(`${JSON.stringify(results, null, 2)}\n`, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Reads and validates a results file; throws an InfercapError (exit code 2) naming the file and field. */
export async function readResults(path: string): Promise<RunResults> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw resultsUnreadable(path, code === 'ENOENT' ? 'no such file' : (error as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalidResults(path, undefined, `not JSON (${(error as Error).message}); expected an infercap results file`);
  }
  return parseResults(path, data);
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
