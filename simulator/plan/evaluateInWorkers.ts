// Spreads policy evaluations over worker threads (one per core by default): the trace is copied once into
// shared memory, and each thread takes the next job as soon as it finishes one (pruned jobs take very
// different times, so dealing them out up front would leave a thread idle). Jobs run in the order given.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledModule } from '../../common/compiledProgram.ts';
import { plannerWorkerExited, plannerWorkerFailed } from '../../common/errors.ts';
import { evaluateJob, type Evaluation, type EvaluationJob, type EvaluationSetting, type Pruning } from './policyEvaluation.ts';
import type { PlanWorkerData, PlanWorkerRequest } from './planWorker.ts';

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/** A pool of `workers` threads (none for 1: jobs then run on this thread), used for several rounds of jobs. */
export class EvaluationPool {
  private readonly threads: Worker[] = [];
  private readonly shared: Float64Array;

  constructor(
    arrivals: Float64Array,
    private readonly setting: EvaluationSetting,
    private readonly workers: number,
    private readonly pruning: Pruning | undefined,
  ) {
    this.shared = workers > 1 ? new Float64Array(new SharedArrayBuffer(arrivals.byteLength)) : arrivals;
    if (workers > 1) this.shared.set(arrivals);
  }

  /**
   * Evaluates `jobs` in order; `onResult` sees each evaluation as it arrives and may return more jobs to
   * queue. Rejects (the pool is then closed) when a thread fails.
   */
  async run(jobs: readonly EvaluationJob[], onResult?: (evaluation: Evaluation) => readonly EvaluationJob[] | void): Promise<Map<string, Evaluation>> {
    const results = new Map<string, Evaluation>();
    const queue = [...jobs];
    const record = (evaluation: Evaluation) => {
      results.set(evaluation.id, evaluation);
      const more = onResult?.(evaluation);
      if (more) queue.push(...more);
    };
    if (this.workers <= 1) {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) record(evaluateJob(this.shared, this.setting, job, this.pruning));
      return results;
    }
    this.start();
    await new Promise<void>((resolve, reject) => {
      const idle: Worker[] = [];
      let inFlight = 0;
      let failed = false;
      const dispatch = () => {
        while (idle.length > 0 && queue.length > 0) {
          inFlight++;
          idle.pop()!.postMessage(queue.shift()! satisfies PlanWorkerRequest);
        }
        if (inFlight === 0 && queue.length === 0) finish();
      };
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        detach();
        reject(error);
      };
      const finish = () => {
        detach();
        resolve();
      };
      const listeners = this.threads.map((thread) => {
        const onMessage = (evaluation: Evaluation) => {
          inFlight--;
          idle.push(thread);
          try {
            record(evaluation);
          } catch (error) {
            fail(error as Error);
            return;
          }
          dispatch();
        };
        const onError = (error: Error) => fail(plannerWorkerFailed(error.message));
        const onExit = (code: number) => fail(plannerWorkerExited(code));
        thread.on('message', onMessage).on('error', onError).on('exit', onExit);
        return () => thread.off('message', onMessage).off('error', onError).off('exit', onExit);
      });
      const detach = () => listeners.forEach((off) => off());
      idle.push(...[...this.threads].reverse());
      dispatch();
    }).catch(async (error: unknown) => {
      await this.close();
      throw error;
    });
    return results;
  }

  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private start(): void {
    if (this.threads.length > 0) return;
    const workerData: PlanWorkerData = {
      arrivals: this.shared.buffer as SharedArrayBuffer,
      setting: this.setting,
      pruning: this.pruning === undefined ? undefined : { bounds: this.pruning.bounds, best: this.pruning.best.buffer },
    };
    // Threads run the compiled worker in dist/, whether this thread runs from dist/ or from the sources.
    const entry = compiledModule('simulator/plan/planWorker.ts');
    for (let i = 0; i < this.workers; i++) this.threads.push(new Worker(entry, { workerData }));
  }
}
