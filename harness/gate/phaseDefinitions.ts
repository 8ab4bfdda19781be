// Whether two runs' measured phases are the same experiment: same names in the same order, and the same
// definition (kind, rate, ramp, arrivals, connections, duration; a trace replay's trace and its options).
// Comparing a 200 req/s phase with a 300 req/s one of the same name would call the load's effect a regression.

import { gatePhaseDefinitionMismatch, gatePhaseMismatch } from '../../common/errors.ts';
import type { RunResults } from '../results/runResults.ts';
import type { PhaseStats } from '../stats/phaseStats.ts';

/** The fields of a phase's definition that change what is measured. */
const definingFields = ['kind', 'rate', 'rampTo', 'arrivals', 'connections', 'duration', 'trace', 'window', 'speedup', 'scale', 'seed'] as const;

/** Non-warm-up phases that carried traffic (a pause would add seconds of zero throughput). */
export function gatedPhases(run: RunResults): PhaseStats[] {
  return run.phases.filter((phase) => !phase.warmup && phase.counts.sent + phase.counts.dropped > 0);
}

/**
 * A phase's definition as the scenario recorded in the results gives it; the phase's own statistics
 * (kind, target rate) when the scenario does not list it (results written by other tools).
 */
function definitionOf(run: RunResults, phase: PhaseStats): Record<string, unknown> {
  const phases = (run.scenario as { phases?: unknown }).phases;
  const declared = Array.isArray(phases) ? phases.find((p): p is Record<string, unknown> => typeof p === 'object' && p !== null && p.name === phase.name) : undefined;
  return declared ?? { kind: phase.kind, rate: phase.targetRate };
}

/** Throws E_GATE_PHASE_MISMATCH or E_GATE_PHASE_DEFINITION (exit code 2) unless the runs' measured phases are alike. */
export function checkPhasesAlike(baseline: RunResults, current: RunResults): void {
  const base = gatedPhases(baseline);
  const cur = gatedPhases(current);
  const names = (phases: readonly PhaseStats[]) => phases.map((phase) => phase.name);
  if (names(base).join('\n') !== names(cur).join('\n')) throw gatePhaseMismatch(names(base), names(cur));
  const differences: string[] = [];
  base.forEach((phase, i) => {
    const a = definitionOf(baseline, phase);
    const b = definitionOf(current, cur[i]!);
    for (const field of definingFields) {
      if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) {
        differences.push(`${phase.name}: ${field} ${show(a[field])} in the baseline, ${show(b[field])} in the current run`);
      }
    }
  });
  if (differences.length > 0) throw gatePhaseDefinitionMismatch(differences);
}

const show = (value: unknown): string => (value === undefined ? 'unset' : JSON.stringify(value));
