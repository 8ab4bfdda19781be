// Finds model versions on disk: <modelsDir>/<name>/<version>/model.onnx, plus <name>/model.json for the default
// version and the optional <name>/config.yaml.

import fs from 'node:fs';
import path from 'node:path';
import { configDefaultVersionMissing, configFileUnreadable, defaultVersionMissing, type InfercapError, isInfercapError, modelConfigNotJson, modelNotInDirectory, modelsDirMissing } from '../../common/errors.ts';
import { modelConfigPath, modelFilePath } from '../../models/modelsLayout.ts';
import { modelConfigFile, readModelConfig, type ModelConfig } from './modelConfig.ts';

/** Model names and versions are plain identifiers, so no request can ever name a path. */
const identifier = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function isValidModelIdentifier(value: string): boolean {
  return identifier.test(value) && !value.includes('..');
}

export interface DiscoveredModel {
  readonly name: string;
  readonly defaultVersion: string;
  readonly versions: readonly { readonly version: string; readonly path: string }[];
  /** `<name>/config.yaml`, validated ({} without one). */
  readonly config: ModelConfig;
  /** `<name>/` */
  readonly dir: string;
  /** Why config.yaml is invalid (`file:line: field: problem`): every version of the model is then unavailable. */
  readonly configProblem?: InfercapError;
}

function readDefaultVersion(modelsDir: string, name: string): string | undefined {
  const file = modelConfigPath(modelsDir, name);
  if (!fs.existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const value = (parsed as { defaultVersion?: unknown }).defaultVersion;
    return typeof value === 'string' ? value : undefined;
  } catch (error) {
    throw modelConfigNotJson(file, (error as Error).message);
  }
}

function chooseDefault(name: string, versions: readonly string[], configured: string | undefined, fromFile: string | undefined) {
  const wanted = configured ?? fromFile;
  if (wanted !== undefined) {
    if (!versions.includes(wanted)) {
      throw defaultVersionMissing(name, wanted, versions);
    }
    return wanted;
  }
  if (versions.includes('fp32')) return 'fp32';
  return [...versions].sort()[0]!;
}

/**
 * Lists the models under `modelsDir` (only those in `only` when it is not empty), each with its versions
 * and default version (`defaultVersions[name]`, else config.yaml's default_version, else model.json, else "fp32",
 * else the first by name).
 */
export function discoverModels(
  modelsDir: string,
  only: readonly string[] = [],
  defaultVersions: Readonly<Record<string, string>> = {},
): DiscoveredModel[] {
  if (!fs.existsSync(modelsDir) || !fs.statSync(modelsDir).isDirectory()) throw modelsDirMissing(modelsDir);
  const names = fs
    .readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isValidModelIdentifier(entry.name))
    .map((entry) => entry.name)
    .sort();
  for (const name of [...only, ...Object.keys(defaultVersions)]) {
    if (!names.includes(name)) {
      throw modelNotInDirectory(name, modelsDir, names);
    }
  }
  const models: DiscoveredModel[] = [];
  for (const name of names) {
    if (only.length > 0 && !only.includes(name)) continue;
    const modelDir = path.join(modelsDir, name);
    const versions = fs
      .readdirSync(modelDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && isValidModelIdentifier(entry.name))
      .map((entry) => ({ version: entry.name, path: modelFilePath(modelsDir, name, entry.name) }))
      .filter((version) => fs.existsSync(version.path))
      .sort((a, b) => a.version.localeCompare(b.version));
    if (versions.length === 0) continue;
    let config: ModelConfig = {};
    let configProblem: InfercapError | undefined;
    try {
      config = readModelConfig(modelsDir, name);
    } catch (error) {
      // A bad config.yaml makes this model unavailable, with the reason, not the whole server.
      configProblem = isInfercapError(error) ? error : configFileUnreadable(modelConfigFile(modelsDir, name), 'config', (error as Error).message);
    }
    const names = versions.map((v) => v.version);
    let fromConfig = config.default_version;
    if (fromConfig !== undefined && !names.includes(fromConfig)) {
      configProblem ??= configDefaultVersionMissing(modelConfigFile(modelsDir, name), name, fromConfig, names);
      fromConfig = undefined;
    }
    const defaultVersion = chooseDefault(name, names, defaultVersions[name], fromConfig ?? readDefaultVersion(modelsDir, name));
    models.push({ name, defaultVersion, versions, config, dir: modelDir, ...(configProblem === undefined ? {} : { configProblem }) });
  }
  if (models.length === 0) throw modelsDirMissing(modelsDir);
  return models;
}
