// Reads a scenario file once: YAML or JSON, validated by the one scenario schema, deep-frozen.
// Every problem is reported as `file:line: field.path: what is wrong` (exit code 2), before any traffic.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../../common/compiledProgram.ts';
import { parseConfigText, type ConfigKind } from '../../common/config/configFile.ts';
import { scenarioSchema, type Scenario } from './scenarioSchema.ts';
import { resolveInputDataPaths } from './inputDataPaths.ts';
import { resolveTracePhases } from './traceSource.ts';
import {
  scenarioFileNotFound,
  scenarioFileIsDirectory,
  scenarioFileUnreadable,
  unknownScenarioName,
  unsupportedScenarioFileType,
} from '../../common/errors.ts';

/** The repository's scenarios/ folder, where shipped scenarios are found by bare name. */
export const scenariosDir = path.join(repositoryRoot, 'scenarios');

const extensions = ['.yaml', '.yml', '.json'];

const scenarioKind: ConfigKind = { what: 'scenario', emptyHint: 'a scenario needs name, target, workload and phases' };

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
    throw code === 'EISDIR' ? scenarioFileIsDirectory(filePath) : scenarioFileUnreadable(filePath, (error as Error).message);
  }
  return parseScenario(text, filePath);
}

/**
 * Validates scenario `text`; `fileName` names it in messages, by its extension picks JSON (`.json`) or
 * YAML (anything else), and is where trace phases' files and inputData are found from. Throws InfercapError (exit code 2)
 * listing every problem found.
 */
export function parseScenario(text: string, fileName: string): Scenario {
  return resolveInputDataPaths(resolveTracePhases(parseConfigText(text, fileName, scenarioSchema, scenarioKind), text, fileName), fileName);
}
