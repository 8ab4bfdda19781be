// The request feed of one model on one target: reads the model's signature, decides what each input
// carries (workload.inputs, workload.inputData), and gives the next request body and the headers every
// request carries. MNIST digits stay the default for models that take MNIST rows.

import { mnistNeedsMnistInput } from '../../common/errors.ts';
import { loadMnistTestSplit } from '../../models/index.ts';
import type { Workload } from '../scenario/scenarioSchema.ts';
import { fetchModelSignature, type ModelSignature } from '../target/modelSignature.ts';
import { binaryHeaderLength, binaryRequestBody, jsonRequestBody } from './inferRequestBody.ts';
import { mnistRowWidth, planInputs, takesMnistRows, type InputsPlan } from './inputPlan.ts';
import { readInputData } from './inputData.ts';
import { withRepeats } from './repeatedBodies.ts';
import { createRequestFeed, randomRowPool, requestFeedHeaders } from './requestFeed.ts';
import { createPoolTensorSource, createTensorSource, type NamedTensor, type RecordedSteps, type TensorSource } from './tensorSource.ts';

export interface ModelFeedOptions {
  /** The server's base URL. */
  readonly baseUrl: string;
  readonly model: string;
  readonly version?: string;
  /** Headers for the metadata requests (Authorization). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly workload: Pick<Workload, 'rows' | 'inputs' | 'inputData' | 'repeatRatio' | 'encoding'>;
  readonly seed: number;
}

/** What feeds a model's requests: `mnist`/`random rows` (one FP32 input), or per-input generated and recorded tensors. */
export type FeedInputs =
  | { readonly kind: 'mnist' | 'randomRows'; readonly inputName: string; readonly width: number; readonly rows: number }
  | { readonly kind: 'tensors'; readonly plan: InputsPlan; readonly recorded?: RecordedSteps };

export interface ModelFeed {
  /** The next request body (a share of them repeats, as workload.repeatRatio says). */
  readonly nextBody: () => string | Buffer;
  /** Headers of the encoding every request carries (binary: content type and header length). */
  readonly headers: Readonly<Record<string, string>>;
  readonly signature: ModelSignature;
  readonly inputs: FeedInputs;
}

/** How the workload's inputs apply to this model; reads recorded data when the workload names a file. */
export function chooseFeedInputs(signature: ModelSignature, workload: ModelFeedOptions['workload']): FeedInputs {
  const { inputs, rows } = workload;
  const oneFp32Row = signature.inputs.length === 1 && signature.inputs[0]!.datatype === 'FP32' && signature.inputs[0]!.batched && signature.inputs[0]!.shape.slice(1).every((d) => d > 0);
  const width = oneFp32Row ? signature.inputs[0]!.shape.slice(1).reduce((product, d) => product * d, 1) : 0;
  if (workload.inputData === undefined) {
    if (inputs === 'mnist' || (inputs === undefined && takesMnistRows(signature))) {
      if (!takesMnistRows(signature)) {
        throw mnistNeedsMnistInput(signature.model, mnistRowWidth, signature.inputs);
      }
      return { kind: 'mnist', inputName: signature.inputs[0]!.name, width, rows };
    }
    // The rows every earlier release sent for `inputs: random` (values in [0, 1) on a 1/1024 grid), kept so runs compare.
    if (inputs === 'random' && oneFp32Row) return { kind: 'randomRows', inputName: signature.inputs[0]!.name, width, rows };
  }
  if (workload.inputData === undefined) return { kind: 'tensors', plan: planInputs(signature, inputs === 'mnist' ? undefined : inputs, rows) };
  const recorded = readInputData(workload.inputData, signature, typeof inputs === 'object' ? inputs : undefined);
  const plan = planInputs(signature, inputs === 'mnist' ? undefined : inputs, rows, [...recorded.steps[0]!.keys()]);
  return { kind: 'tensors', plan, recorded };
}

/** One input as a run sends it: its tensor's datatype and shape (-1 where recorded steps vary it) and where its values come from. */
export interface SentInput {
  readonly name: string;
  readonly datatype: string;
  readonly shape: readonly number[];
  readonly values: 'mnist' | 'random' | 'zeros' | 'constant' | 'sequence' | 'data';
}

/** What each request of a feed carries, input by input (for logs and results). */
export function describeFeedInputs(inputs: FeedInputs): SentInput[] {
  if (inputs.kind !== 'tensors') return [{ name: inputs.inputName, datatype: 'FP32', shape: [inputs.rows, inputs.width], values: inputs.kind === 'mnist' ? 'mnist' : 'random' }];
  const { plan, recorded } = inputs;
  return plan.inputs.map((input) => {
    let shape = [...input.shape];
    if (input.generator.kind === 'data' && recorded !== undefined) {
      const shapes = recorded.steps.map((step) => step.get(input.name)!.shape);
      shape = shapes[0]!.map((d, i) => (shapes.every((other) => other[i] === d) ? d : -1));
    }
    return { name: input.name, datatype: input.datatype, shape: input.batched ? [plan.rows, ...shape] : shape, values: input.generator.kind };
  });
}

/** The tensor source of `inputs` (MNIST and random rows included), for parts that run the inputs themselves. */
export function feedTensorSource(inputs: FeedInputs, seed: number): TensorSource {
  if (inputs.kind === 'tensors') return createTensorSource(inputs.plan, seed, inputs.recorded);
  return createPoolTensorSource(inputs.inputName, inputs.width, inputs.rows, rowPool(inputs, seed));
}

function rowPool(inputs: Extract<FeedInputs, { kind: 'mnist' | 'randomRows' }>, seed: number): { rows: Float32Array; count: number } {
  if (inputs.kind === 'randomRows') return randomRowPool(inputs.width, 1024, seed);
  const split = loadMnistTestSplit();
  return { rows: split.rows, count: split.count };
}

/** The largest tensor shapes a plan's requests can have (for a header length that fits them all). */
function largestShapes(plan: InputsPlan, recorded: RecordedSteps | undefined): Pick<NamedTensor, 'name' | 'datatype' | 'shape'>[] {
  return plan.inputs.map((input) => {
    let shape = [...input.shape];
    if (input.generator.kind === 'data' && recorded !== undefined) {
      for (const step of recorded.steps) {
        const stepShape = step.get(input.name)!.shape;
        shape = stepShape.map((d, i) => Math.max(d, shape[i] ?? 0));
      }
    }
    return { name: input.name, datatype: input.datatype, shape: input.batched ? [plan.rows, ...shape] : shape };
  });
}

/** Reads the model's signature from the target and builds its request feed. */
export async function createModelFeed(options: ModelFeedOptions): Promise<ModelFeed> {
  const { workload, seed } = options;
  const signature = await fetchModelSignature(options.baseUrl, options.model, options.version, options.headers ?? {});
  const inputs = chooseFeedInputs(signature, workload);
  if (inputs.kind !== 'tensors') {
    const feedOptions = {
      inputName: inputs.inputName,
      width: inputs.width,
      rowsPerRequest: workload.rows,
      pool: rowPool(inputs, seed),
      repeatRatio: workload.repeatRatio,
      seed,
      encoding: workload.encoding,
    };
    const feed = createRequestFeed(feedOptions);
    return { nextBody: () => feed().body, headers: requestFeedHeaders(feedOptions), signature, inputs };
  }
  const source = createTensorSource(inputs.plan, seed, inputs.recorded);
  if (workload.encoding === 'binary') {
    const headerLength = binaryHeaderLength(largestShapes(inputs.plan, inputs.recorded));
    const feed = withRepeats(() => binaryRequestBody(source(), headerLength), workload.repeatRatio, seed);
    const headers = { 'content-type': 'application/octet-stream', 'inference-header-content-length': String(headerLength) };
    return { nextBody: () => feed().body, headers, signature, inputs };
  }
  const feed = withRepeats(() => jsonRequestBody(source()), workload.repeatRatio, seed);
  return { nextBody: () => feed().body, headers: {}, signature, inputs };
}
