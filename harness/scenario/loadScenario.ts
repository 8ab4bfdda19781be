// Reads a scenario file once: YAML or JSON, validated by the one scenario schema, deep-frozen.
// Every problem is reported as `file:line: field.path: what is wrong` (exit code 2), before any traffic.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { repositoryRoot } from '../../common/compiledProgram.ts';
import { deepFreeze } from '../../common/deepFreeze.ts';
import { issueMessage } from './issueMessage.ts';
import { scenarioSchema, type Scenario } from './scenarioSchema.ts';
import {
  invalidScenario,
  scenarioFileNotFound,
  scenarioFileUnreadable,
  unknownScenarioName,
  unsupportedScenarioFileType,
} from '../../common/errors.ts';
import { lineOfPath } from './yamlLines.ts';

/** The repository's scenarios/ folder, where shipped scenarios are found by bare name. */
export const scenariosDir = path.join(repositoryRoot, 'scenarios');

const extensions = ['.yaml', '.yml', '.json'];

// A file with a hundred mistakes is usually the wrong file; the first few say so.
const maxProblems = 20;

/** Names of the shipped scenarios (scenarios/*.yaml), sorted. */
export function shippedScenarioNames(): string[] {
  return readdirSync(scenariosDir)
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}

/**
 * `smoke` → `<repo>/scenarios/smoke.yaml` (a name: no slash, no extension); anything else is a path,
 * returned as given. Throws E_SCENARIO_NOT_FOUND for a name that is not shipped.
 */
export function resolveScenarioPath(nameOrPath: string): string {
  if (/[\\/]/.test(nameOrPath) || path.extname(nameOrPath) !== '') return nameOrPath;
  const file = path.join(scenariosDir, `${nameOrPath}.yaml`);
  if (!existsSync(file)) throw unknownScenarioName(nameOrPath, shippedScenarioNames());
  return file;
}

/** Reads, validates and freezes the scenario at `filePath` (.yaml, .yml or .json). Throws InfercapError (exit code 2). */
export function loadScenario(filePath: string): Scenario {
  if (!extensions.includes(path.extname(filePath).toLowerCase())) throw unsupportedScenarioFileType(filePath);
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw scenarioFileNotFound(filePath, shippedScenarioNames());
    throw scenarioFileUnreadable(filePath, code === 'EISDIR' ? 'it is a directory' : (error as Error).message);
  }
  return parseScenario(text, filePath);
}

/**
 * Validates scenario `text`; `fileName` names it in messages and, by its extension, picks JSON
 * (`.json`) or YAML (anything else). Throws InfercapError (exit code 2) listing every problem found.
 */
export function parseScenario(text: string, fileName: string): Scenario {
  const json = path.extname(fileName).toLowerCase() === '.json';
  const lineCounter = new LineCounter();
  // JSON is parsed by the YAML parser too (JSON is YAML 1.2), so its errors get lines the same way.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, schema: json ? 'json' : 'core' });
  const syntaxError = doc.errors[0];
  if (syntaxError !== undefined) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    throw invalidScenario([`${fileName}:${line}: ${json ? 'JSON' : 'YAML'} syntax: ${syntaxError.message.split('\n')[0]}`]);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) {
    throw invalidScenario([`${fileName}:1: scenario: the file is empty; a scenario needs name, target, workload and phases`]);
  }

  const result = scenarioSchema.safeParse(data, { error: issueMessage });
  if (result.success) return deepFreeze(result.data);

  const problems = result.error.issues
    .map((issue) => located(issue, (fieldPath) => lineOfPath(doc, lineCounter, fieldPath)))
    .sort((a, b) => a.line - b.line)
    .map(({ line, field, message }) => `${fileName}:${line}: ${field}: ${message}`);
  const shown = problems.slice(0, maxProblems);
  if (problems.length > maxProblems) shown.push(`${fileName}: ... and ${problems.length - maxProblems} more problems`);
  throw invalidScenario(shown);
}

/** Where an issue is: a single unknown key is named in the path and found at its own line. */
function located(issue: z.core.$ZodIssue, lineOf: (fieldPath: readonly PropertyKey[]) => number) {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const fieldPath = keys.length === 1 ? [...issue.path, keys[0]!] : issue.path;
  const line = lineOf(keys.length > 1 ? [...issue.path, keys[0]!] : fieldPath);
  return { line, field: formatFieldPath(fieldPath), message: issue.message };
}

/** `['phases', 1, 'rate']` → `phases[1].rate`; the root is `scenario`. */
function formatFieldPath(fieldPath: readonly PropertyKey[]): string {
  if (fieldPath.length === 0) return 'scenario';
  return fieldPath
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
