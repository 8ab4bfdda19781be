// Entry of a model worker thread: owns one ONNX Runtime session and runs batches posted to it.
// ORT's `session.run` blocks the calling thread for the whole inference, so the server keeps it off
// the HTTP event loop.

import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';
import { isInfercapError } from '../../common/errors.ts';
import { createOrtSession, describeSession, type OrtSessionOptions } from './ortSession.ts';
import { rowSize, type ModelSignature, type NamedTensor } from './tensor.ts';
import { fromWire, toWire, type WorkerReply, type WorkerRequest } from './workerProtocol.ts';

interface SessionWorkerData {
  readonly modelPath: string;
  readonly options: OrtSessionOptions;
}

const port = parentPort!;
const { modelPath, options } = workerData as SessionWorkerData;

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
  for (const input of inputs) feeds[input.name] = new ort.Tensor('float32', input.data, [...input.shape]);
  const started = performance.now();
  const results = await session.run(feeds);
  spendExtra(performance.now() - started);
  // Copies out of ORT's buffers so the arrays can be transferred to the main thread.
  return signature.outputs.map(({ name }) => {
    const tensor = results[name]!;
    return { name, shape: [...tensor.dims], data: new Float32Array(tensor.data as Float32Array) };
  });
}

/** One inference on a zero-filled row, so the first real request does not pay for lazy initialisation. */
async function warmUp(session: ort.InferenceSession, signature: ModelSignature): Promise<void> {
  const inputs = signature.inputs.map((spec) => ({
    name: spec.name,
    shape: [1, ...spec.shape.slice(1)],
    data: new Float32Array(rowSize(spec.shape)),
  }));
  await run(session, signature, inputs);
}

const reply = (message: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const session = await createOrtSession(modelPath, options);
  const signature = describeSession(modelPath, session);
  await warmUp(session, signature);
  port.on('message', (request: WorkerRequest) => {
    if (request.type === 'release') {
      void session.release().finally(() => port.close());
      return;
    }
    run(session, signature, request.inputs.map(fromWire)).then(
      (outputs) => {
        const wire = outputs.map(toWire);
        reply({ type: 'result', id: request.id, outputs: wire }, wire.map((tensor) => tensor.buffer));
      },
      (error: unknown) => reply({ type: 'failed', id: request.id, message: (error as Error).message }),
    );
  });
  reply({ type: 'loaded', signature });
} catch (error) {
  reply({
    type: 'loadFailed',
    code: isInfercapError(error) ? error.code : 'E_MODEL_LOAD_FAILED',
    message: (error as Error).message,
  });
}
