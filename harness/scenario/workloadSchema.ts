// What each request carries: which model, how many rows, which inputs, and how often an input repeats
// (so that cache-hit ratios are scripted rather than left to chance).

import { z } from 'zod';
import { durationSchema } from './duration.ts';
import { inputDataSchema, inputsSchema } from './inputsSchema.ts';
import { mixSchema, modelChoiceProblem, versionSchema } from './mixSchema.ts';
import { optionalFields } from './optionalFields.ts';

export const workloadSchema = z
  .strictObject({
    model: z.string().min(1).describe('Model name as the server knows it, e.g. mnist-wide (or mix: several models).').optional(),
    version: versionSchema.optional(),
    mix: mixSchema.optional(),
    rows: z.number().int().min(1).max(65_536).describe('Rows (inputs) per request.').default(1),
    inputs: inputsSchema.optional(),
    inputData: inputDataSchema.optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .describe('Seed of every random choice of the run (inputs, repeats, Poisson gaps), so runs are repeatable.')
      .default(1),
    repeatRatio: z
      .number()
      .min(0)
      .max(1)
      .describe('Share of requests that reuse an earlier input (0..1): scripts the cache-hit ratio.')
      .default(0),
    encoding: z
      .enum(['json', 'binary'])
      .describe("json: tensors as JSON data; binary: Triton's binary tensor data extension (raw little-endian bytes after a JSON header).")
      .default('json'),
    timeout: durationSchema.describe('Per-request timeout; a request still unanswered then counts as a timeout error.').prefault('10s'),
  })
  .superRefine((workload, ctx) => {
    const problem = modelChoiceProblem(workload);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  })
  .describe('What every request carries.');

/** A variant's changes to the workload: any field, none filled by default. */
export const workloadOverrideSchema = optionalFields(workloadSchema).describe(
  "Workload fields this variant changes; the others are the scenario's.",
);
