// Spreads policy evaluations over worker threads (one per core by default): the trace is copied once into
// shared memory, the jobs are dealt round-robin, each worker reports a summary per job as it finishes.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { compiledModule } from '../../common/compiledProgram.ts';
import { plannerWorkerFailed } from '../../common/errors.ts';
import type { SimulationSummary } from '../simulate/simulationResults.ts';
import { evaluatePolicy, type EvaluationJob, type EvaluationSetting } from './policyEvaluation.ts';
import type { PlanWorkerData } from './planWorker.ts';

export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Evaluates every job; `workers` ≤ 1 runs them on this thread. `onResult` sees each summary as it arrives.
 * Rejects (and terminates every worker) when one fails.
 */
export async function evaluateInWorkers(
  arrivals: Float64Array,
  setting: EvaluationSetting,
  jobs: readonly EvaluationJob[],
  workers: number,
  onResult?: (id: string, summary: SimulationSummary) => void,
): Promise<Map<string, SimulationSummary>> {
  const results = new Map<string, SimulationSummary>();
  const count = Math.min(Math.max(1, Math.floor(workers)), jobs.length);
  if (count <= 1) {
    for (const job of jobs) {
      const summary = evaluatePolicy(arrivals, setting, job.declaration);
      results.set(job.id, summary);
      onResult?.(job.id, summary);
    }
    return results;
  }
  const shared = new SharedArrayBuffer(arrivals.byteLength);
  new Float64Array(shared).set(arrivals);
  const entry = compiledModule('simulator/plan/planWorker.ts');
  const threads: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, (_, w) => {
        const workerData: PlanWorkerData = { arrivals: shared, setting, jobs: jobs.filter((_, i) => i % count === w) };
        const worker = new Worker(entry, { workerData });
        threads.push(worker);
        return new Promise<void>((resolve, reject) => {
          let done = false;
          worker.on('message', (message: { id?: string; summary?: SimulationSummary; done?: boolean }) => {
            if (message.done) {
              done = true;
              return;
            }
            results.set(message.id!, message.summary!);
            onResult?.(message.id!, message.summary!);
          });
          worker.on('error', (error) => reject(plannerWorkerFailed(error.message)));
          worker.on('exit', (code) => (done && code === 0 ? resolve() : reject(plannerWorkerFailed(`it exited with code ${code} before finishing`))));
        });
      }),
    );
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return results;
}
