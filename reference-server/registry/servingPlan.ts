// How one model version is served, decided from its ONNX signature, its config.yaml and the server's
// options: which inputs are split by rows (batched), the max batch size (0: not batched, as Triton's
// max_batch_size 0), dynamic batching, instances, shape hints and class labels. Pure but for label files.

import fs from 'node:fs';
import path from 'node:path';
import { configBatchWithoutBatchDim, configDimsMismatch, configInputNotBatchable, configInputUnknown, configLabelsNotBeside, configLabelsUnreadable, configOutputUnknown, configPreferredBatchTooLarge } from '../../common/errors.ts';
import type { ModelSignature } from '../inference/tensor.ts';
import type { ModelConfig } from './modelConfig.ts';

export interface ServingPlan {
  /** Per signature input: whether its first dimension is the batch (rows) dimension. */
  readonly batchedInputs: readonly boolean[];
  /** Most rows in one request and one batch; 0 when the model has no batch dimension. */
  readonly maxBatchSize: number;
  /** Whether requests are merged into batches (never when maxBatchSize is 0). */
  readonly dynamicBatching: boolean;
  readonly maxQueueDelayMs: number;
  readonly preferredBatchSizes: readonly number[];
  readonly instances: number;
  /** Per input, a full shape with a size for every dynamic dim (the batch dim as 1), when the config gives one. */
  readonly shapeHints: Readonly<Record<string, readonly number[]>>;
  /** Per output, its class labels (from label_filename). */
  readonly labels: Readonly<Record<string, readonly string[]>>;
}

export interface ServingDefaults {
  readonly batching: boolean;
  readonly maxBatchSize: number;
  readonly maxQueueDelayMs: number;
  readonly modelInstances: number;
}

const isBatchDim = (shape: readonly number[]) => shape.length > 0 && shape[0] === -1;

/** The plan, or throws E_MODEL_CONFIG saying why the config does not fit the model. */
export function planServing(signature: ModelSignature, config: ModelConfig, defaults: ServingDefaults, modelDir: string): ServingPlan {
  const inputNames = signature.inputs.map((input) => input.name);
  for (const entry of config.input ?? []) {
    if (!inputNames.includes(entry.name)) throw configInputUnknown(entry.name, inputNames);
  }
  for (const entry of config.output ?? []) {
    if (!signature.outputs.some((output) => output.name === entry.name)) throw configOutputUnknown(entry.name);
  }
  const configOf = (name: string) => config.input?.find((entry) => entry.name === name);
  const batchedInputs = signature.inputs.map((input) => {
    const wanted = configOf(input.name)?.batched;
    if (wanted === true && !isBatchDim(input.shape)) throw configInputNotBatchable(input.name);
    return wanted ?? isBatchDim(input.shape);
  });
  const batchable = batchedInputs.some(Boolean) && signature.outputs.every((output) => isBatchDim(output.shape));
  if (config.max_batch_size !== undefined && config.max_batch_size > 0 && !batchable) {
    throw configBatchWithoutBatchDim(config.max_batch_size);
  }
  const maxBatchSize = batchable ? (config.max_batch_size ?? defaults.maxBatchSize) : 0;
  const effectiveBatched = maxBatchSize === 0 ? batchedInputs.map(() => false) : batchedInputs;
  const delayUs = config.dynamic_batching?.max_queue_delay_microseconds;
  const preferred = [...(config.dynamic_batching?.preferred_batch_size ?? [])].sort((a, b) => a - b);
  const tooLarge = preferred.find((size) => size > maxBatchSize);
  if (tooLarge !== undefined) throw configPreferredBatchTooLarge(tooLarge, maxBatchSize);

  const shapeHints: Record<string, number[]> = {};
  signature.inputs.forEach((input, index) => {
    const dims = configOf(input.name)?.dims;
    if (dims === undefined) return;
    const full = effectiveBatched[index] ? [1, ...dims] : dims;
    const fits = full.length === input.shape.length && full.every((dim, i) => input.shape[i] === -1 || input.shape[i] === dim);
    if (!fits) {
      const expected = input.shape.slice(effectiveBatched[index] ? 1 : 0);
      throw configDimsMismatch(input.name, dims, expected);
    }
    shapeHints[input.name] = full;
  });

  const labels: Record<string, string[]> = {};
  for (const entry of config.output ?? []) {
    if (entry.label_filename === undefined) continue;
    const file = path.resolve(modelDir, entry.label_filename);
    if (path.dirname(file) !== path.resolve(modelDir)) throw configLabelsNotBeside(entry.name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw configLabelsUnreadable(entry.name, entry.label_filename, (error as Error).message);
    }
    labels[entry.name] = text.split(/\r?\n/).filter((line, i, all) => line !== '' || i < all.length - 1);
  }

  return {
    batchedInputs: effectiveBatched,
    maxBatchSize,
    dynamicBatching: maxBatchSize > 0 && (config.dynamic_batching !== undefined || defaults.batching),
    maxQueueDelayMs: delayUs === undefined ? defaults.maxQueueDelayMs : delayUs / 1000,
    preferredBatchSizes: preferred,
    instances: config.instance_group?.[0]?.count ?? defaults.modelInstances,
    shapeHints,
    labels,
  };
}
