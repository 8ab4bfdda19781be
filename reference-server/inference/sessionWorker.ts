// Entry of a model worker thread: owns one ONNX Runtime session and runs batches posted to it.
// ORT's `session.run` blocks the calling thread for the whole inference, so the server keeps it off
// the HTTP event loop.

import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';
import { isInfercapError } from '../../common/errors.ts';
import { createOrtSession, describeSession, type OrtSessionOptions } from './ortSession.ts';
import { allocateData, datatypeInfo, type TensorData } from '../tensors/datatypes.ts';
import { elementCount, type ModelSignature, type NamedTensor } from './tensor.ts';
import { fromWire, toWire, transferList, type WarmUpHints, type WorkerReply, type WorkerRequest } from './workerProtocol.ts';

interface SessionWorkerData {
  readonly modelPath: string;
  readonly options: OrtSessionOptions;
  readonly warmUpHints?: WarmUpHints;
}

const port = parentPort!;
const { modelPath, options, warmUpHints } = workerData as SessionWorkerData;

const slowdown = options.slowdown ?? 1;

/**
 * The `slowdown` experiment: (slowdown - 1) times the batch's inference time spent computing on this thread,
 * so a slowed replica is really busier (it holds its instance and a core), not merely later to answer.
 */
function spendExtra(inferenceMs: number): void {
  if (slowdown <= 1) return;
  const until = performance.now() + inferenceMs * (slowdown - 1);
  let sink = 0;
  while (performance.now() < until) sink += Math.sqrt(sink + 1);
  if (Number.isNaN(sink)) throw new Error('unreachable');
}

async function run(session: ort.InferenceSession, signature: ModelSignature, inputs: readonly NamedTensor[]): Promise<NamedTensor[]> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) feeds[input.name] = new ort.Tensor(datatypeInfo[input.datatype].ort as 'float32', input.data as Float32Array, [...input.shape]);
  const started = performance.now();
  const results = await session.run(feeds);
  spendExtra(performance.now() - started);
  // Copies out of ORT's buffers so the arrays can be transferred to the main thread.
  return signature.outputs.map(({ name, datatype }) => {
    const tensor = results[name]!;
    const data = tensor.data as TensorData;
    return { name, datatype, shape: [...tensor.dims], data: Array.isArray(data) ? [...data] : data.slice() };
  });
}

/**
 * One inference on zeros, so the first real request does not pay for lazy initialisation: dynamic dims
 * take the config's dims (shape hints), else 1. Best effort: a model that refuses such an input (a Conv whose
 * kernel is larger than 1x1) is warmed by its first request instead.
 */
async function warmUp(session: ort.InferenceSession, signature: ModelSignature, hints: WarmUpHints): Promise<void> {
  const inputs = signature.inputs.map((spec) => {
    const hint = hints[spec.name];
    // config dims leave out the batch dimension of a batched input
    const full = hint === undefined || hint.length === spec.shape.length ? hint : [1, ...hint];
    const shape = spec.shape.map((dim, i) => (dim >= 0 ? dim : (full?.[i] ?? 1)));
    return { name: spec.name, datatype: spec.datatype, shape, data: allocateData(spec.datatype, elementCount(shape)) };
  });
  try {
    await run(session, signature, inputs);
  } catch {
    // see above
  }
}

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const session = await createOrtSession(modelPath, options);
  const signature = describeSession(modelPath, session);
  await warmUp(session, signature, warmUpHints ?? {});
  // One batch at a time, in arrival order: a batch posted while another runs (the batcher sends the next
  // full batch ahead, dynamicBatcher.ts) waits here, so it starts the moment the session is free.
  let previous: Promise<unknown> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'release') {
      void previous.finally(() => session.release()).finally(() => port.close());
      return;
    }
    previous = previous.then(() => {
      const started = performance.now();
      return run(session, signature, request.inputs.map(fromWire)).then(
        (outputs) => {
          const wire = outputs.map(toWire);
          reply({ type: 'result', id: request.id, outputs: wire, inferMs: performance.now() - started }, transferList(wire));
        },
        (error: unknown) => reply({ type: 'failed', id: request.id, message: (error as Error).message }),
      );
    });
  });
  reply({ type: 'loaded', signature });
} catch (error) {
  reply({
    type: 'loadFailed',
    code: isInfercapError(error) ? error.code : 'E_MODEL_LOAD_FAILED',
    message: (error as Error).message,
  });
}
