// A model version's instances (Triton's instance group): one worker thread and ORT session each, so that
// several batches of the same model can run at once; each batch goes to the least busy instance.

import type { OrtSessionOptions } from './ortSession.ts';
import type { ModelSignature, NamedTensor } from './tensor.ts';
import type { WarmUpHints } from './workerProtocol.ts';
import { WorkerSession, type RunResult } from './workerSession.ts';

export class ModelInstances {
  readonly signature: ModelSignature;
  readonly #sessions: WorkerSession[];
  readonly #busy: number[];

  private constructor(sessions: WorkerSession[]) {
    this.#sessions = sessions;
    this.#busy = sessions.map(() => 0);
    this.signature = sessions[0]!.signature;
  }

  /** Loads `count` instances of the model in parallel; if any fails, closes the others and rethrows. */
  static async open(modelPath: string, options: OrtSessionOptions, count: number, model: string, version: string, warmUpHints: WarmUpHints = {}): Promise<ModelInstances> {
    const settled = await Promise.allSettled(Array.from({ length: count }, () => WorkerSession.open(modelPath, options, model, version, warmUpHints)));
    const opened = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure !== undefined) {
      await Promise.allSettled(opened.map((session) => session.close()));
      throw failure.reason;
    }
    return new ModelInstances(opened);
  }

  async run(inputs: readonly NamedTensor[]): Promise<RunResult> {
    let chosen = 0;
    for (let i = 1; i < this.#busy.length; i++) if (this.#busy[i]! < this.#busy[chosen]!) chosen = i;
    this.#busy[chosen]!++;
    try {
      return await this.#sessions[chosen]!.run(inputs);
    } finally {
      this.#busy[chosen]!--;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.#sessions.map((session) => session.close()));
  }
}
