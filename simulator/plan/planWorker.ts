// A worker thread of the planner's search: evaluates its share of the candidate policies on the shared
// trace (a SharedArrayBuffer, never copied) and posts back one summary per job.

import { parentPort, workerData } from 'node:worker_threads';
import { evaluatePolicy, type EvaluationJob, type EvaluationSetting } from './policyEvaluation.ts';

export interface PlanWorkerData {
  readonly arrivals: SharedArrayBuffer;
  readonly setting: EvaluationSetting;
  readonly jobs: readonly EvaluationJob[];
}

const data = workerData as PlanWorkerData;
const arrivals = new Float64Array(data.arrivals);
for (const job of data.jobs) parentPort!.postMessage({ id: job.id, summary: evaluatePolicy(arrivals, data.setting, job.declaration) });
parentPort!.postMessage({ done: true });
