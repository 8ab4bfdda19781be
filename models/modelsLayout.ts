// Where built models live: <modelsDir>/<name>/<version>/{model.onnx,metadata.json} and
// <modelsDir>/<name>/model.json naming the default version.

import { join } from 'node:path';
import { repositoryRoot } from '../common/compiledProgram.ts';

/** reference-server/models in this checkout (git-ignored): where models are built by default. */
export const defaultModelsDir: string = join(repositoryRoot, 'reference-server', 'models');

/** The versions every built-in model is built in; fp32 is the default. */
export const builtVersions = ['fp32', 'int8'] as const;
export type BuiltVersion = (typeof builtVersions)[number];

/** `<modelsDir>/<name>/<version>/model.onnx` */
export function modelFilePath(modelsDir: string, name: string, version: string): string {
  return join(modelsDir, name, version, 'model.onnx');
}

/** `<modelsDir>/<name>/<version>/metadata.json` */
export function metadataFilePath(modelsDir: string, name: string, version: string): string {
  return join(modelsDir, name, version, 'metadata.json');
}

/** `<modelsDir>/<name>/model.json`, which holds `{"defaultVersion": …}`. */
export function modelConfigPath(modelsDir: string, name: string): string {
  return join(modelsDir, name, 'model.json');
}
