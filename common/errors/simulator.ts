// Messages of the autoscaler simulator and the capacity planner.

import { InfercapError } from './infercapError.ts';
import { configError, runtime } from './kinds.ts';

export const sloUnreachable = (slo: string, serviceMs: number, percentile: string) =>
  new InfercapError(
    'E_SLO_UNREACHABLE',
    `no replica count meets the SLO "${slo}": one replica's ${percentile} service time alone is ${serviceMs} ms; relax the SLO or calibrate a faster instance`,
  );

export const calibrationWithoutServiceTimes = (where: string) =>
  configError(where, 'calibration', 'has no service-time percentiles (no request completed at its lowest level); sweep again from a lower level');

export const calibrationWithoutCurve = (where: string) =>
  configError(where, 'calibration', 'has no point of its curve with latency percentiles, which latencyModel curve needs; sweep again, or use latencyModel queueing');

export const curveNeedsCalibration = (where: string) =>
  configError(where, 'service.latencyModel', 'curve needs a calibration file (its measured curve); add calibration: <file>, or use latencyModel queueing');

export const plannerWorkerFailed = (reason: string) =>
  new InfercapError('E_PLANNER_WORKER_FAILED', `a worker thread of the planner's search failed: ${reason}`, runtime);

export const plannerWorkerExited = (code: number) => plannerWorkerFailed(`it exited with code ${code} before finishing`);

/** The state given to `infercap hpa` is not JSON; `parserProblem` is JSON.parse's. */
export const hpaInputNotJson = (where: string, parserProblem: string) => configError(where, '(root)', `not valid JSON: ${parserProblem}`);
