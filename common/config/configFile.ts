// The one reader of configuration files (scenarios, policies, instance profiles, clusters, traces): YAML or
// JSON, validated by the file kind's one zod schema, deep-frozen. Every problem is reported at once, in line
// order, as `file:line: field: message` (exit code 2); an unknown key is named with the likely fix.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { deepFreeze } from '../deepFreeze.ts';
import { configFileEmpty, configFileIsDirectory, configFileMissing, configFileSyntax, configFileUnreadable, invalidConfigFile } from '../errors.ts';
import { issueMessage } from './issueMessage.ts';
import { lineOfPath } from './yamlLines.ts';
import { issueLocation } from './zodIssues.ts';

// A file with a hundred mistakes is usually the wrong file; the first few say so.
const maxProblems = 20;

export interface ConfigKind {
  /** The name of the file kind's root in messages: `scenario`, `policy`, `instance`, `trace`... */
  readonly what: string;
  /** What an empty file is told it needs, e.g. `a scenario needs name, target, workload and phases`. */
  readonly emptyHint?: string;
}

/**
 * Validates YAML or JSON `text` against `schema`; `fileName` names it in messages and, by a `.json`
 * extension, makes the parse strict JSON. Returns the frozen result.
 * @throws InfercapError E_INVALID_CONFIG (exit code 2) listing every problem, each `file:line: field: message`.
 */
export function parseConfigText<S extends z.ZodType>(text: string, fileName: string, schema: S, kind: ConfigKind): z.output<S> {
  const json = path.extname(fileName).toLowerCase() === '.json';
  const lineCounter = new LineCounter();
  // JSON is parsed by the YAML parser too (JSON is YAML 1.2), so its errors get lines the same way.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, schema: json ? 'json' : 'core' });
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw configFileSyntax(fileName, line, json ? 'JSON' : 'YAML', String(syntaxError.message.split('\n')[0]));
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw configFileEmpty(fileName, kind.what, kind.emptyHint);
  }
  const result = schema.safeParse(data, { error: issueMessage });
  if (result.success) return deepFreeze(result.data);
  const problems = result.error.issues
    .map((issue) => {
      const { linePath, field } = issueLocation(issue, kind.what);
      return { line: lineOfPath(doc, lineCounter, linePath), text: `${field}: ${issue.message}` };
    })
    .sort((a, b) => a.line - b.line)
    .map(({ line, text }) => `${fileName}:${line}: ${text}`);
  const shown = problems.slice(0, maxProblems);
  if (problems.length > maxProblems) shown.push(`${fileName}: ... and ${problems.length - maxProblems} more problems`);
  throw invalidConfigFile(shown);
}

/**
 * Reads and validates a configuration file (see parseConfigText).
 * @throws InfercapError (exit code 2) when it cannot be read or is invalid.
 */
export function readConfigFile<S extends z.ZodType>(file: string, schema: S, kind: ConfigKind): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw configFileIsDirectory(file, kind.what);
    throw code === 'ENOENT' ? configFileMissing(file, kind.what) : configFileUnreadable(file, kind.what, (error as Error).message);
  }
  return parseConfigText(text, file, schema, kind);
}
