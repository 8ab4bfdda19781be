// Messages of `infercap fidelity` (sim vs real): the window of the trace it replays, the speedup, and what a
// fleet given by URL must come with (its calibration and replica count).

import { optionError } from './kinds.ts';

const fidelityWindowInvalid = (text: string, problem: string) =>
  optionError('--window', `"${text}": ${problem}; write START:END in whole seconds or durations from the trace's start (e.g. 2h:4h, :30m, 3600:)`);

export const fidelityWindowNotRange = (text: string) => fidelityWindowInvalid(text, 'not START:END');

/** A bound the duration parser rejected, in its words. */
export const fidelityWindowBoundNotParsed = (text: string, parserProblem: string) => fidelityWindowInvalid(text, parserProblem);

export const fidelityWindowBackwards = (text: string) => fidelityWindowInvalid(text, 'the end is not after the start');

export const fidelityWindowOutsideTrace = (trace: string, start: number, end: number, traceSeconds: number) =>
  optionError('--window', `[${start} s, ${end} s) is not inside ${trace}, which runs 0 to ${traceSeconds} s from its start; choose a window within it`);

export const fidelitySpeedupInvalid = (speedup: number) => optionError('--speedup', `must be greater than 0 (60 plays an hour in a minute), got ${speedup}`);

export const fidelityWindowEmpty = (trace: string) => optionError('--window', `holds no request of ${trace} once scaled; widen --window or raise --scale`);

export const fidelityNeedsCalibration = () =>
  optionError(
    '--target',
    'a fleet given by URL cannot be calibrated one replica at a time; pass --calibration <file> (written by infercap sweep), or leave out --target to start a reference fleet',
  );

export const fidelityNeedsReplicas = () => optionError('--target', 'the simulator must know the fleet behind the URL; pass --replicas N (its replica count)');

export const fidelityCalibrationModel = (file: string, calibrated: string, model: string) =>
  optionError('--calibration', `${file} calibrates model ${calibrated}, not ${model}; calibrate ${model} (infercap sweep) or pass --model ${calibrated}`);
