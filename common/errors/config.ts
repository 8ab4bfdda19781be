// Messages about configuration files: scenarios, their thresholds and the files they name, and the JSON inputs
// of the simulator commands. A message is `where: field: problem`, where is `file:line` when the line is known.

import { InfercapError } from './infercapError.ts';
import { configError } from './kinds.ts';

/** Every problem of a configuration file, each `file:line: field: message`, one per line, all found in one pass. */
export const invalidConfigFile = (problems: readonly string[]) => new InfercapError('E_INVALID_CONFIG', problems.join('\n'));

/** `parserProblem` is the first line of the YAML parser's message (it parses JSON too). */
export const configFileSyntax = (file: string, line: number, format: 'JSON' | 'YAML', parserProblem: string) =>
  invalidConfigFile([`${file}:${line}: ${format} syntax: ${parserProblem}`]);

/** `hint`: what to write in a file of this kind (its ConfigKind says). */
export const configFileEmpty = (file: string, what: string, hint: string | undefined) =>
  invalidConfigFile([`${file}:1: ${what}: the file is empty${hint === undefined ? '' : `; ${hint}`}`]);

/** A zod issue of a configuration file, relayed with its field (common/config/zodIssues.ts words it). */
export const configSchemaIssue = (where: string, field: string, issueMessage: string) => configError(where, field, issueMessage);

/** `what` names the kind of file (scenario, trace, calibration); `reason` is the system's. */
export const configFileUnreadable = (file: string, what: string, reason: string) => configError(file, what, `cannot be read: ${reason}`);

export const configFileIsDirectory = (file: string, what: string) => configFileUnreadable(file, what, 'it is a directory');

export const configFileMissing = (file: string, what: string) => configFileUnreadable(file, what, 'it does not exist');

/** `what` names the kind of file; `parserProblem` is JSON.parse's. */
export const configNotJson = (file: string, what: string, parserProblem: string) => configError(file, what, `cannot be read as JSON: ${parserProblem}`);

// ---- scenario files -----------------------------------------------------------------------------

export const scenarioFileNotFound = (file: string, shipped: readonly string[]) =>
  new InfercapError(
    'E_SCENARIO_NOT_FOUND',
    `scenario file ${file} does not exist; give the path of a .yaml or .json scenario file, or the name of a shipped scenario (${shipped.join(', ')})`,
  );

export const scenarioFileUnreadable = (file: string, reason: string) =>
  new InfercapError('E_SCENARIO_NOT_FOUND', `scenario file ${file} cannot be read: ${reason}`);

export const scenarioFileIsDirectory = (file: string) => scenarioFileUnreadable(file, 'it is a directory');

export const unknownScenarioName = (name: string, shipped: readonly string[]) =>
  new InfercapError(
    'E_SCENARIO_NOT_FOUND',
    `there is no shipped scenario "${name}"; the shipped ones are ${shipped.join(', ')}, or give the path of a scenario file`,
  );

export const unsupportedScenarioFileType = (file: string) =>
  new InfercapError('E_INVALID_CONFIG', `${file}: a scenario file is YAML (.yaml, .yml) or JSON (.json); rename it or convert it`);

const invalidThreshold = (metric: string, problem: string) => new InfercapError('E_INVALID_THRESHOLD', `thresholds.${metric}: ${problem}`);

/** A threshold expression the grammar rejected, relayed in the parser's words. */
export const thresholdNotParsed = (metric: string, parserProblem: string) => invalidThreshold(metric, parserProblem);

/** `allowed` names the statistics the metric takes (a percentile, a rate, a count). */
export const thresholdStatisticNotAllowed = (metric: string, source: string, statistic: string, allowed: string) =>
  invalidThreshold(metric, `"${source}": ${metric} does not take "${statistic}"; it takes ${allowed}`);

/** A scenario's inputs: mnist, for a model whose rows are not MNIST images. */
export const mnistInputsNeedMnistModel = (pixels: number, model: string, width: number) =>
  configError('workload', 'inputs', `mnist needs a model whose rows have ${pixels} values; model ${model} takes ${width}: use inputs: random`);
