// Which values each request's input tensors carry: MNIST digits, generated values per input (random,
// zeros, a constant, a sequence) with concrete shapes for dynamic dims (perf_analyzer's `--shape`), or
// recorded steps from a data file (perf_analyzer's `--input-data` JSON, or a folder of .npy files).

import { z } from 'zod';
import { closestName } from '../../common/config/closestName.ts';
import type { Workload } from './scenarioSchema.ts';

export const randomSpecSchema = z
  .strictObject({
    distribution: z
      .enum(['uniform', 'normal'])
      .describe('uniform: values in [min, max]; normal: mean and stddev, clipped to [min, max] when given.')
      .default('uniform'),
    min: z.number().describe('Smallest value (uniform; clips normal). Default: 0 (false for BOOL).').optional(),
    max: z.number().describe('Largest value (uniform; clips normal). Default: 1 for float types, 100 for integer types (within the type).').optional(),
    mean: z.number().describe('Mean of a normal distribution (default 0).').optional(),
    stddev: z.number().positive().describe('Standard deviation of a normal distribution (default 1).').optional(),
    length: z.number().int().min(0).max(65_536).describe('BYTES: characters per random string (default 16).').optional(),
  })
  .refine((spec) => spec.min === undefined || spec.max === undefined || spec.min <= spec.max, { message: 'min must not be above max', path: ['min'] })
  .describe('Seeded random values, drawn afresh for every request; floats on a grid of 1024 steps of the range (normal: of stddev/1024), which keeps JSON bodies short.');

export const sequenceSpecSchema = z
  .strictObject({
    start: z.number().describe('The first element of the run (default 0).').default(0),
    step: z.number().describe('Added per element, across elements and requests (default 1); integer types wrap within their range.').default(1),
  })
  .describe('start, start + step, start + 2·step, … in row-major order, continuing from request to request.');

const generators = ['random', 'zeros', 'constant', 'sequence'] as const;

/**
 * The message of a union of names and a mapping: a misspelt name gets "did you mean", a mapping the
 * first problem inside it (a union alone would say only that no form matched).
 */
function unionError(names: readonly string[], mapping: string) {
  return (issue: { input?: unknown; errors?: readonly (readonly { path: readonly PropertyKey[]; message: string }[])[] }): string | undefined => {
    if (typeof issue.input === 'string') {
      const suggestion = closestName(issue.input, names);
      return `must be one of ${names.join(', ')} or ${mapping}, got ${JSON.stringify(issue.input)}${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`;
    }
    const inner = issue.errors?.flat().find((entry) => entry.path.length > 0);
    return inner === undefined ? undefined : `${inner.path.join('.')}: ${inner.message}`;
  };
}

export const inputSpecSchema = z
  .union([
    z.enum(['random', 'zeros']).describe('random: seeded random values with the datatype\'s defaults; zeros: all zero (false, "").'),
    z
      .strictObject({
        shape: z
          .array(z.number().int().min(0))
          .describe(
            "The input's shape without the batch dimension (as perf_analyzer's --shape NAME:3,224,224): required when the model leaves a non-batch dim dynamic (-1); must agree with every fixed dim.",
          )
          .optional(),
        random: randomSpecSchema.optional(),
        zeros: z.literal(true).describe('All zero (false for BOOL, "" for BYTES).').optional(),
        constant: z.union([z.number(), z.boolean(), z.string()]).describe('Every element this value (a number, true/false for BOOL, a string for BYTES).').optional(),
        sequence: sequenceSpecSchema.optional(),
      })
      .refine((spec) => generators.filter((kind) => spec[kind] !== undefined).length <= 1, {
        message: `give at most one of ${generators.join(', ')}`,
      })
      .describe('A shape and/or one generator (random when none is given).'),
  ], { error: unionError(['random', 'zeros'], 'a mapping of shape and one of random, zeros, constant, sequence') })
  .describe("One input's values.");

export const inputsSchema = z
  .union([
    z
      .enum(['mnist', 'random', 'zeros'])
      .describe(
        'mnist: the MNIST test digits in seeded order (models taking 784 FP32 values per row); random: seeded random values for every input (rows in [0, 1) for a one-input FP32 model); zeros: all zero.',
      ),
    z
      .record(z.string().min(1), inputSpecSchema)
      .describe("Per input name: its values and shape. Inputs not listed get random values; each name must be one of the model's inputs."),
  ], { error: unionError(['mnist', 'random', 'zeros'], 'a mapping of input names to their values') })
  .describe('The values every request carries. Absent: MNIST digits for models taking MNIST rows, else random values for every input, shaped by the model\'s metadata.');

export const inputDataSchema = z
  .string()
  .min(1)
  .describe(
    "Recorded inputs, sent in order, round robin: a JSON file in perf_analyzer's --input-data format ({\"data\": [{NAME: [values] | {\"content\": [values] | {\"b64\": …}, \"shape\": [dims]} | {\"b64\": …}}]}, one batch-1 step each), or a folder of NAME.npy files whose first axis is the step. Relative to the scenario file.",
  );

// The validated (deep-frozen) forms, as a loaded scenario holds them.
/** A workload's `inputs`. */
export type InputsSpec = NonNullable<Workload['inputs']>;
/** One input's entry of `inputs`. */
export type InputSpec = Extract<InputsSpec, object>[string];
export type RandomSpec = NonNullable<Extract<InputSpec, object>['random']>;
