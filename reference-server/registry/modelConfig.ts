// The optional per-model `<models-dir>/<name>/config.yaml`: one zod schema that is its type, with
// Triton's model-config field names where Triton has them (max_batch_size, dynamic_batching,
// instance_group, input, output, label_filename). Unknown keys are errors naming file, line and field.

import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { readConfigFile } from '../../common/config/configFile.ts';

export const modelConfigSchema = z.strictObject({
  /** The version a request without one gets (Triton picks by version_policy; a name is clearer here). */
  default_version: z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]).optional(),
  /** Most rows in one batch; 0 means the model is not batched (its first dimension is not a batch). */
  max_batch_size: z.number().int().min(0).max(65_536).optional(),
  /** Present: dynamic batching on for this model, whatever --no-batching says. */
  dynamic_batching: z
    .strictObject({
      max_queue_delay_microseconds: z.number().int().min(0).max(60_000_000).optional(),
      /** Batch sizes dispatched at once when the queue can form one exactly (the largest first). */
      preferred_batch_size: z.array(z.number().int().positive()).optional(),
    })
    .optional(),
  /** Concurrent executions of the model (one worker thread and ORT session each); one group. */
  instance_group: z
    .array(z.strictObject({ count: z.number().int().min(1).max(64), kind: z.enum(['KIND_CPU', 'KIND_AUTO']).optional() }))
    .max(1)
    .optional(),
  input: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        /**
         * Shape hint: the dims (after the batch dimension of a batched input) with a size for each dynamic
         * one; the harness generates inputs of this shape, and warm-up runs with it.
         */
        dims: z.array(z.number().int().positive()).optional(),
        /** false: the input is not split by rows; requests are batched together only when it is equal. */
        batched: z.boolean().optional(),
      }),
    )
    .optional(),
  output: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        /** A file beside config.yaml with one class label per line, for the output's last dimension. */
        label_filename: z.string().min(1).optional(),
      }),
    )
    .optional(),
});

export type ModelConfig = z.output<typeof modelConfigSchema>;

/** `<modelsDir>/<name>/config.yaml` */
export const modelConfigFile = (modelsDir: string, name: string) => path.join(modelsDir, name, 'config.yaml');

/** The model's config, {} without a file. Throws E_INVALID_CONFIG (`file:line: field: problem`). */
export function readModelConfig(modelsDir: string, name: string): ModelConfig {
  const file = modelConfigFile(modelsDir, name);
  if (!fs.existsSync(file)) return {};
  return readConfigFile(file, modelConfigSchema, { what: 'config', emptyHint: 'delete it, or give fields such as max_batch_size' });
}
