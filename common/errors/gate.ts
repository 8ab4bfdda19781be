// Messages of the regression gate (`infercap gate`, and the gate inside `infercap compare`).

import { InfercapError } from './infercapError.ts';
import { optionError } from './kinds.ts';

/** `got` is the value as the user wrote it (a percentage). */
export const maxRegressionNotValid = (got: string) => optionError('--max-regression', `must be a percentage ≥ 0, e.g. 10%; got ${got}`);

export const maxErrorIncreaseNotValid = (got: string) => optionError('--max-error-increase', `must be a share in [0%, 100%), e.g. 1%; got ${got}`);

export const gateConfidenceNotValid = (got: number) => optionError('confidence', `must be within (0, 1), got ${got}`);

/** The baseline run is too short (or too empty) for the gate to say anything about `statistic`. */
export const gateTooFewIntervals = (statistic: string, found: number, needed: number) =>
  new InfercapError(
    'E_GATE_TOO_FEW_INTERVALS',
    `baseline: ${statistic}: ${found} usable 1-second interval${found === 1 ? '' : 's'} of non-warm-up traffic, ` +
      `the regression gate needs at least ${needed}; lengthen the scenario's phases and record a new baseline`,
  );

/** The two runs are not of the same scenario shape. */
export const gatePhaseMismatch = (baseline: readonly string[], current: readonly string[]) =>
  new InfercapError(
    'E_GATE_PHASE_MISMATCH',
    `baseline and current runs have different non-warm-up phases with traffic (baseline: ${nameList(baseline)}; current: ${nameList(current)}); ` +
      'gate two runs of the same scenario, or record a new baseline',
  );

/** The runs have phases of the same names but different definitions: a different experiment, not a regression. */
export const gatePhaseDefinitionMismatch = (differences: readonly string[]) =>
  new InfercapError(
    'E_GATE_PHASE_DEFINITION',
    `baseline and current runs define their phases differently (${differences.join('; ')}); ` +
      'the regression gate compares runs of the same load only: gate two runs of the same scenario, or record a new baseline',
  );

/** The baseline served nothing, so no throughput ratio against it means anything; `zeroRate` is 0 as reports print it. */
export const gateBaselineWithoutThroughput = (zeroRate: string) =>
  new InfercapError(
    'E_GATE_BASELINE_UNUSABLE',
    `baseline: throughput: the successful responses per whole second are ${zeroRate}; record a baseline from a healthy run`,
  );

const nameList = (names: readonly string[]) => (names.length === 0 ? 'none' : names.join(', '));
