// A worker thread of the planner's search: evaluates the jobs the main thread hands it one at a time, on the
// shared trace (a SharedArrayBuffer, never copied), pruning against the best shared by all threads.

import { parentPort, workerData } from 'node:worker_threads';
import { evaluateJob, type EvaluationJob, type EvaluationSetting } from './policyEvaluation.ts';
import type { PruningBounds } from './pruningBounds.ts';
import { SharedBest } from './sharedBest.ts';

export interface PlanWorkerData {
  readonly arrivals: SharedArrayBuffer;
  readonly setting: EvaluationSetting;
  /** Absent for an exhaustive search. */
  readonly pruning: { readonly bounds: PruningBounds; readonly best: SharedArrayBuffer } | undefined;
}

/** Main → worker: the next job, or null when there is none. Worker → main: an Evaluation per job. */
export type PlanWorkerRequest = EvaluationJob | null;

const data = workerData as PlanWorkerData;
const arrivals = new Float64Array(data.arrivals);
const pruning = data.pruning === undefined ? undefined : { bounds: data.pruning.bounds, best: new SharedBest(data.pruning.best) };
parentPort!.on('message', (job: PlanWorkerRequest) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(evaluateJob(arrivals, data.setting, job, pruning));
});
