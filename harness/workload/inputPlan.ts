// What a run sends to each of a model's inputs, decided once from the workload and the model's
// signature: the generator (or recorded data) and the concrete shape of every input. Pure: every
// problem is a named error (unknown input, a shape that does not fit, a dynamic dim with no size).

import { inputGivenTwice, inputSequenceNotInteger, inputShapeClash, inputShapeNeeded, inputShapeRankWrong, inputValueNotFit, rowsAboveMaxBatchSize, rowsWithoutBatchDim, unknownModelInput } from '../../common/errors.ts';
import { allocateData, datatypeInfo, type Datatype } from '../../reference-server/tensors/datatypes.ts';
import { storeJsonValue } from '../../reference-server/tensors/jsonTensorData.ts';
import type { InputSpec, InputsSpec, RandomSpec } from '../scenario/inputsSchema.ts';
import type { ModelInputSignature, ModelSignature } from '../target/modelSignature.ts';

/** How one input's values are made. `data`: taken from the run's recorded steps (inputData). */
export type InputGenerator =
  | { readonly kind: 'random'; readonly random: RandomSpec }
  | { readonly kind: 'zeros' }
  | { readonly kind: 'constant'; readonly value: number | boolean | string }
  | { readonly kind: 'sequence'; readonly start: number; readonly step: number }
  | { readonly kind: 'data' };

export interface InputPlan {
  readonly name: string;
  readonly datatype: Datatype;
  /** Whether the input carries the batch dimension: its tensors are `[rows, ...shape]`. */
  readonly batched: boolean;
  /** The shape of one row (batched) or of the whole tensor (not batched); -1 left only for `data` inputs, whose steps give it. */
  readonly shape: readonly number[];
  readonly generator: InputGenerator;
}

export interface InputsPlan {
  readonly model: string;
  /** Rows per request along the batch dimension (1 for a model without one). */
  readonly rows: number;
  readonly inputs: readonly InputPlan[];
}

/** Values per MNIST row: the one FP32 input's row of a model that takes the digits. */
export const mnistRowWidth = 784;

/** Whether a model takes MNIST rows: one FP32 input, batched, whose row holds 784 values. */
export function takesMnistRows(signature: ModelSignature): boolean {
  if (signature.inputs.length !== 1) return false;
  const [input] = signature.inputs as [ModelInputSignature];
  const row = input.batched ? input.shape.slice(1) : [];
  return input.datatype === 'FP32' && input.batched && row.every((d) => d > 0) && row.reduce((product, d) => product * d, 1) === mnistRowWidth;
}

function specOf(spec: InputSpec | undefined): { shape?: readonly number[]; generator: InputGenerator } {
  if (spec === undefined || spec === 'random') return { generator: { kind: 'random', random: { distribution: 'uniform' } } };
  if (spec === 'zeros') return { generator: { kind: 'zeros' } };
  const generator: InputGenerator =
    spec.zeros !== undefined
      ? { kind: 'zeros' }
      : spec.constant !== undefined
        ? { kind: 'constant', value: spec.constant }
        : spec.sequence !== undefined
          ? { kind: 'sequence', start: spec.sequence.start, step: spec.sequence.step }
          : { kind: 'random', random: spec.random ?? { distribution: 'uniform' } };
  return spec.shape === undefined ? { generator } : { shape: spec.shape, generator };
}

/** Why `value` cannot be an element of a `datatype` tensor (BOOL also takes 0 and 1), or undefined. */
export function valueProblem(datatype: Datatype, value: unknown): string | undefined {
  const probe = allocateData(datatype, 1);
  const asStored = datatype === 'BOOL' && (value === 0 || value === 1) ? value === 1 : value;
  return storeJsonValue(datatype, asStored, probe, 0);
}

function checkGenerator(model: string, input: ModelInputSignature, generator: InputGenerator): void {
  const field = (key: string) => `inputs.${input.name}.${key}`;
  const info = datatypeInfo[input.datatype];
  if (generator.kind === 'constant') {
    const problem = valueProblem(input.datatype, generator.value);
    if (problem !== undefined) throw inputValueNotFit(model, field('constant'), JSON.stringify(generator.value), problem.replace(/^is \S+, /, ''));
  }
  if (generator.kind === 'random') {
    const { min, max } = generator.random;
    for (const [key, value] of [['min', min], ['max', max]] as const) {
      if (value === undefined || info.kind === 'bytes') continue;
      const problem = info.kind === 'bool' ? (value === 0 || value === 1 ? undefined : 'is not 0 or 1 (BOOL)') : valueProblem(input.datatype, value);
      if (problem !== undefined) throw inputValueNotFit(model, field(`random.${key}`), value, problem.replace(/^is \S+, /, ''));
    }
  }
  if (generator.kind === 'sequence' && info.kind !== 'float' && info.kind !== 'fp16' && (!Number.isInteger(generator.start) || !Number.isInteger(generator.step))) {
    throw inputSequenceNotInteger(model, field('sequence'), input.datatype);
  }
}

/**
 * The concrete shape of one row (batched) or of the tensor: the model's dims with the batch dim dropped,
 * each dynamic one taken from `given`, which must agree with every fixed one. Data inputs may leave
 * dynamic dims open (their steps give them).
 */
function concreteShape(model: string, input: ModelInputSignature, given: readonly number[] | undefined, fromData: boolean): number[] {
  const modelDims = input.batched ? input.shape.slice(1) : [...input.shape];
  if (given !== undefined) {
    if (given.length !== modelDims.length) {
      throw inputShapeRankWrong(model, input.name, given, modelDims.length, input.shape, input.batched);
    }
    const clash = modelDims.findIndex((d, i) => d !== -1 && d !== given[i]);
    if (clash >= 0) {
      throw inputShapeClash(model, input.name, given, clash, modelDims[clash], input.shape);
    }
    return [...given];
  }
  const dynamic = modelDims.indexOf(-1);
  if (dynamic >= 0 && !fromData) throw inputShapeNeeded(model, input.name, input.shape, dynamic + (input.batched ? 1 : 0));
  return modelDims;
}

/**
 * Every input's plan for `inputs` (per-name specs, `random` or `zeros` for all; absent: random) and `rows`.
 * `dataInputs` names the inputs the run's recorded data gives (they take no generator).
 */
export function planInputs(signature: ModelSignature, inputs: InputsSpec | undefined, rows: number, dataInputs: readonly string[] = []): InputsPlan {
  const { model } = signature;
  const names = signature.inputs.map((input) => input.name);
  const perInput = typeof inputs === 'object' ? inputs : {};
  for (const name of [...Object.keys(perInput), ...dataInputs]) {
    if (!names.includes(name)) throw unknownModelInput(model, name, names);
  }
  if (rows > 1 && !signature.inputs.some((input) => input.batched)) throw rowsWithoutBatchDim(model, rows);
  if (signature.maxBatchSize !== undefined && signature.maxBatchSize > 0 && rows > signature.maxBatchSize) throw rowsAboveMaxBatchSize(model, rows, signature.maxBatchSize);
  const plans = signature.inputs.map((input): InputPlan => {
    const fromData = dataInputs.includes(input.name);
    const spec = perInput[input.name] ?? (inputs === 'zeros' ? 'zeros' : undefined);
    if (fromData && perInput[input.name] !== undefined && (typeof spec !== 'object' || Object.keys(spec).some((key) => key !== 'shape'))) {
      throw inputGivenTwice(model, input.name);
    }
    const { shape, generator } = specOf(spec);
    if (!fromData) checkGenerator(model, input, generator);
    return {
      name: input.name,
      datatype: input.datatype,
      batched: input.batched,
      shape: concreteShape(model, input, shape, fromData),
      generator: fromData ? { kind: 'data' } : generator,
    };
  });
  return { model, rows: plans.some((input) => input.batched) ? rows : 1, inputs: plans };
}
