// The metadata.json written next to every built model: one zod schema is both its type and its
// validation when read back.

import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Version of the build pipeline (recipes, export, quantizer). Models whose metadata carries another
 * value are rebuilt by `ensureModels`; bump it whenever a change alters the built files.
 */
export const pipelineVersion = 2;

const tensorSpec = z.strictObject({
  name: z.string(),
  datatype: z.literal('FP32'),
  /** -1 marks the dynamic batch dimension. */
  shape: z.array(z.number().int()),
});

/** Schema of metadata.json. */
export const builtModelMetadataSchema = z.strictObject({
  pipelineVersion: z.number().int(),
  name: z.string(),
  version: z.enum(['fp32', 'int8']),
  description: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  opset: z.number().int(),
  inputs: z.array(tensorSpec),
  outputs: z.array(tensorSpec),
  layers: z.array(z.number().int().positive()),
  parameters: z.number().int().nonnegative(),
  macsPerRow: z.number().int().nonnegative(),
  seed: z.number().int(),
  dataset: z.strictObject({
    name: z.literal('mnist'),
    source: z.string(),
    splitSeed: z.number().int(),
    trainRows: z.number().int(),
    testRows: z.number().int(),
  }),
  training: z.strictObject({
    method: z.string(),
    trainRows: z.number().int(),
    epochs: z.number().int(),
    batchSize: z.number().int(),
    learningRate: z.number(),
    augmentation: z.string().nullable(),
  }),
  /** Fraction of the test split classified correctly, measured with onnxruntime-node. */
  accuracy: z.number().min(0).max(1),
  /** int8 only: fraction of test rows where int8 and fp32 predict the same class. */
  agreementWithFp32: z.number().min(0).max(1).optional(),
  /** int8 only: largest difference of any output probability from the fp32 model's. */
  maxAbsDiffFromFp32: z.number().nonnegative().optional(),
  quantization: z
    .strictObject({
      method: z.literal('dynamic'),
      weights: z.literal('int8'),
      activations: z.literal('uint8'),
      granularity: z.enum(['per-tensor', 'per-column']),
      reduceRange: z.boolean(),
      nodesQuantized: z.array(z.string()),
      from: z.literal('fp32'),
    })
    .optional(),
});

/** What metadata.json says about one built model version. */
export type BuiltModelMetadata = z.infer<typeof builtModelMetadataSchema>;

/**
 * The metadata at `path` if it exists, is valid and was written by this pipeline version;
 * undefined otherwise (the model then counts as missing and is rebuilt).
 */
export async function readCurrentMetadata(path: string): Promise<BuiltModelMetadata | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = builtModelMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.pipelineVersion === pipelineVersion ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
