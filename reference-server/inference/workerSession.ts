// The main thread's handle on a model worker thread: starts it, waits for its session to load and warm
// up, and turns batches into messages and back. Inference never blocks the HTTP event loop.

import { Worker } from 'node:worker_threads';
import { compiledModule } from '../../common/compiledProgram.ts';
import { type InfercapError, inferenceFailed, modelLoadFailed, modelWorkerAnsweredWrongly, modelWorkerExited, modelWorkerExitedLoading, modelWorkerGone, relayedWorkerError } from '../../common/errors.ts';
import type { OrtSessionOptions } from './ortSession.ts';
import type { ModelSignature, NamedTensor } from './tensor.ts';
import { fromWire, toWire, transferList, type WarmUpHints, type WorkerReply, type WorkerRequest } from './workerProtocol.ts';


/** A batch's outputs and the session's own run time for it. */
export interface RunResult {
  readonly outputs: NamedTensor[];
  readonly inferMs: number;
}

interface PendingRun {
  readonly resolve: (result: RunResult) => void;
  readonly reject: (error: unknown) => void;
}

export class WorkerSession {
  readonly signature: ModelSignature;
  readonly #worker: Worker;
  readonly #model: string;
  readonly #version: string;
  readonly #pending = new Map<number, PendingRun>();
  #nextId = 1;
  #exited = false;

  private constructor(worker: Worker, signature: ModelSignature, model: string, version: string) {
    this.#worker = worker;
    this.signature = signature;
    this.#model = model;
    this.#version = version;
    worker.on('message', (reply: WorkerReply) => this.#onReply(reply));
    worker.on('error', (error) => this.#failAll(inferenceFailed(model, version, error.message)));
    worker.on('exit', (code) => {
      this.#exited = true;
      this.#failAll(modelWorkerExited(model, version, code));
    });
  }

  /** Starts a worker thread that loads `modelPath` and warms it up; resolves once it can run batches. */
  static async open(modelPath: string, options: OrtSessionOptions, model: string, version: string, warmUpHints: WarmUpHints = {}): Promise<WorkerSession> {
    const worker = new Worker(compiledModule('reference-server/inference/sessionWorker.ts'), { workerData: { modelPath, options: { ...options }, warmUpHints } });
    let onError: (error: Error) => void = () => undefined;
    let onExit: (code: number) => void = () => undefined;
    let onMessage: (reply: WorkerReply) => void = () => undefined;
    const loaded = new Promise<ModelSignature>((resolve, reject) => {
      onError = (error) => reject(modelLoadFailed(model, version, error.message));
      onExit = (code) => reject(modelWorkerExitedLoading(model, version, code));
      onMessage = (reply) => {
        if (reply.type === 'loaded') resolve(reply.signature);
        else if (reply.type === 'loadFailed') reject(relayedWorkerError(reply.code, reply.message));
        else reject(modelWorkerAnsweredWrongly(model, version, reply.type));
      };
      worker.once('error', onError).once('exit', onExit).once('message', onMessage);
    });
    let signature: ModelSignature;
    try {
      signature = await loaded;
    } catch (error) {
      await worker.terminate();
      throw error;
    } finally {
      // Only our own listeners: Worker keeps internal ones that reference its message port.
      worker.off('error', onError).off('exit', onExit).off('message', onMessage);
    }
    return new WorkerSession(worker, signature, model, version);
  }

  /** Runs one batch; the input buffers are transferred to the worker (detached here). */
  run(inputs: readonly NamedTensor[]): Promise<RunResult> {
    if (this.#exited) return Promise.reject(modelWorkerGone(this.#model, this.#version));
    const id = this.#nextId++;
    const wire = inputs.map(toWire);
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      const request: WorkerRequest = { type: 'run', id, inputs: wire };
      this.#worker.postMessage(request, transferList(wire));
    });
  }

  /** Releases the session and ends the thread. */
  async close(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    const request: WorkerRequest = { type: 'release' };
    this.#worker.postMessage(request);
    const timer = setTimeout(() => void this.#worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #onReply(reply: WorkerReply): void {
    if (reply.type !== 'result' && reply.type !== 'failed') return;
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (reply.type === 'result') pending.resolve({ outputs: reply.outputs.map(fromWire), inferMs: reply.inferMs });
    else pending.reject(inferenceFailed(this.#model, this.#version, reply.message));
  }

  #failAll(error: InfercapError): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
