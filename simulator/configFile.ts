// Reads a simulator configuration file (YAML or JSON: a policy, an instance profile) and validates it with
// its one zod schema; a problem is reported as `file:line: field: problem` (exit code 2), the first by line.

import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { invalidConfig } from '../common/errors.ts';
import { issueMessage } from '../harness/scenario/issueMessage.ts';
import { lineOfPath } from '../harness/scenario/yamlLines.ts';

/** Validates YAML/JSON `text` (named `fileName` in errors) against `schema`. Throws InfercapError (exit code 2). */
export function parseConfigText<S extends z.ZodType>(text: string, fileName: string, schema: S, what: string): z.output<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw invalidConfig(`${fileName}:${line}`, 'YAML syntax', syntaxError.message.split('\n')[0]!);
  }
  const result = schema.safeParse(doc.toJS() ?? {}, { error: issueMessage });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const path = keys.length === 1 ? [...issue.path, keys[0]!] : issue.path;
    return { line: lineOfPath(doc, lineCounter, path), field: formatPath(path, what), message: issue.message };
  });
  problems.sort((a, b) => a.line - b.line);
  const first = problems[0]!;
  throw invalidConfig(`${fileName}:${first.line}`, first.field, first.message);
}

/** Reads and validates a configuration file. Throws InfercapError (exit code 2) when it is unreadable or invalid. */
export function loadConfigFile<S extends z.ZodType>(file: string, schema: S, what: string): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidConfig(file, what, `cannot be read: ${(error as Error).message}`);
  }
  return parseConfigText(text, file, schema, what);
}

function formatPath(path: readonly PropertyKey[], what: string): string {
  if (path.length === 0) return what;
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
