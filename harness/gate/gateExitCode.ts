// The exit code of a command that judged thresholds and, possibly, a regression gate: 99 (k6's code)
// when anything failed, so CI fails the build; 0 otherwise.

import { ExitCode } from '../../common/errors.ts';
import type { GateVerdict } from './regressionGate.ts';
import type { ThresholdOutcome } from './thresholdOutcome.ts';

/** `ExitCode.gateFailed` (99) when a threshold failed or the gate did, else `ExitCode.ok` (0). */
export function gateExitCode(thresholds: readonly ThresholdOutcome[], gate?: GateVerdict): ExitCode {
  const failed = thresholds.some((t) => !t.passed) || gate?.passed === false;
  return failed ? ExitCode.gateFailed : ExitCode.ok;
}
