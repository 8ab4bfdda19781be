// The tensors of a run, request by request: from an input plan, a seed and (for inputs the run reads
// from a data file) recorded steps, the next set of named tensors `{name, datatype, shape, data}`.
// Pure and deterministic: the same plan, seed and steps give the same tensors, so other parts (model
// quality on "the run's inputs") can regenerate exactly what a run sent, without a server.

import { inputDataShapesDiffer, inputDataWithoutSteps } from '../../common/errors.ts';
import { createRng } from '../../common/prng.ts';
import type { NamedTensor } from '../../reference-server/inference/tensor.ts';
import { allocateData, type TensorData } from '../../reference-server/tensors/datatypes.ts';
import type { InputsPlan } from './inputPlan.ts';
import { generateValues, type ValueState } from './tensorValues.ts';

export type { NamedTensor } from '../../reference-server/inference/tensor.ts';

/** One recorded step: per input, its values and shape (without the batch dim for a batched input). */
export type DataStep = ReadonlyMap<string, { readonly data: TensorData; readonly shape: readonly number[] }>;

/** Recorded steps and where they come from (named in errors). */
export interface RecordedSteps {
  readonly origin: string;
  readonly steps: readonly DataStep[];
}

/** A source of request tensors: each call gives the next request's inputs, in the model's input order. */
export type TensorSource = () => NamedTensor[];

/** Each input's own random stream, so adding or respecifying one input leaves the others' values as they were. */
const inputSeed = (seed: number, index: number) => (seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;

function concat(parts: readonly TensorData[]): TensorData {
  if (parts.length === 1) return parts[0]!;
  if (Array.isArray(parts[0])) return (parts as string[][]).flat();
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const first = parts[0] as Float32Array;
  const out = new (first.constructor as new (length: number) => Float32Array)(total);
  let offset = 0;
  for (const part of parts as Float32Array[]) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Steps grouped `rows` at a time (as requests take them) must agree on each batched input's shape (their rows stack into one tensor). */
function checkStackable(plan: InputsPlan, recorded: RecordedSteps): void {
  if (plan.rows === 1) return;
  const { steps, origin } = recorded;
  for (const input of plan.inputs) {
    if (input.generator.kind !== 'data' || !input.batched) continue;
    // Requests take steps rows at a time from 0: the groups start at 0, rows, 2·rows, … modulo the step count.
    const starts = new Set<number>();
    for (let start = 0; !starts.has(start); start = (start + plan.rows) % steps.length) starts.add(start);
    for (const start of starts) {
      const first = steps[start]!.get(input.name)!.shape;
      for (let r = 1; r < plan.rows; r++) {
        const index = (start + r) % steps.length;
        const shape = steps[index]!.get(input.name)!.shape;
        if (shape.join() !== first.join()) {
          throw inputDataShapesDiffer(origin, index, input.name, shape, start, first, plan.rows);
        }
      }
    }
  }
}

/**
 * The tensor source of `plan`. A batched input's tensor is `[rows, ...shape]`; generated inputs draw
 * fresh values each request (a sequence continues); data inputs take the recorded steps round robin,
 * `rows` consecutive steps per request (perf_analyzer's order), an unbatched data input the group's first.
 */
export function createTensorSource(plan: InputsPlan, seed: number, recorded?: RecordedSteps): TensorSource {
  const states: ValueState[] = plan.inputs.map((_, index) => ({ rng: createRng(inputSeed(seed, index)), position: 0 }));
  const steps = recorded?.steps ?? [];
  if (plan.inputs.some((input) => input.generator.kind === 'data')) {
    if (recorded === undefined || steps.length === 0) throw inputDataWithoutSteps(recorded?.origin ?? 'inputData');
    checkStackable(plan, recorded);
  }
  let nextStep = 0;
  return () => {
    const group = Array.from({ length: plan.rows }, (_, r) => steps[(nextStep + r) % Math.max(steps.length, 1)]!);
    if (steps.length > 0) nextStep = (nextStep + plan.rows) % steps.length;
    return plan.inputs.map((input, index): NamedTensor => {
      const rows = input.batched ? plan.rows : 1;
      const { generator } = input;
      if (generator.kind === 'data') {
        const chosen = group.slice(0, rows).map((step) => step.get(input.name)!);
        const shape = chosen[0]!.shape;
        return { name: input.name, datatype: input.datatype, shape: input.batched ? [rows, ...shape] : [...shape], data: concat(chosen.map((entry) => entry.data)) };
      }
      const count = rows * input.shape.reduce((product, d) => product * d, 1);
      const data = count === 0 ? allocateData(input.datatype, 0) : generateValues(input.datatype, generator, count, states[index]!);
      return { name: input.name, datatype: input.datatype, shape: input.batched ? [rows, ...input.shape] : [...input.shape], data };
    });
  };
}

/**
 * MNIST-style rows from a pool, in order, for a one-input FP32 model: after the first pass through the
 * pool a row's first value is replaced by the pass number over 2^24 (exact in FP32), so fresh rows stay
 * distinct tensors; an MNIST digit's first pixel is always blank, so the digit itself is unchanged.
 * The same rows, in the same order, as requestFeed.ts sends.
 */
export function createPoolTensorSource(inputName: string, width: number, rows: number, pool: { readonly rows: Float32Array; readonly count: number }): TensorSource {
  let next = 0;
  return () => {
    const data = new Float32Array(rows * width);
    for (let i = 0; i < rows; i++) {
      const row = next % pool.count;
      const pass = Math.floor(next / pool.count);
      next++;
      data.set(pool.rows.subarray(row * width, (row + 1) * width), i * width);
      if (pass > 0) data[i * width] = (pass % 16_777_216) / 16_777_216;
    }
    return [{ name: inputName, datatype: 'FP32', shape: [rows, width], data }];
  };
}
