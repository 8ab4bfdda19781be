// What a million predictions cost on each variant: the replicas it ran on, at a declared price per
// replica-hour, kept busy at the most throughput the run showed it can sustain.

import type { VariantCost } from '../results/comparisonResults.ts';
import type { RunResults } from '../results/runResults.ts';
import type { ComparisonVariant } from './comparisonVariant.ts';
import { runModelOf } from './runModel.ts';

export type { VariantCost };

/** The price per replica-hour when none is declared: about one on-demand 2-vCPU cloud VM, in US dollars. */
export const defaultPricePerReplicaHour = 0.1;

/** price × replicas per hour, spread over the predictions made in that hour; null for no predictions. */
export function costPerMillionPredictions(pricePerReplicaHour: number, replicas: number, predictionsPerSecond: number): number | null {
  if (!(predictionsPerSecond > 0)) return null;
  return (pricePerReplicaHour * replicas * 1e6) / (predictionsPerSecond * 3600);
}

/** The non-warm-up phase of highest throughput: the capacity the run demonstrated (open-loop phases at a low rate show less). */
export function peakPhase(results: RunResults): { phase: string; throughput: number } | null {
  let best: { phase: string; throughput: number } | null = null;
  for (const phase of results.phases) {
    if (phase.warmup || phase.throughput <= 0) continue;
    if (best === null || phase.throughput > best.throughput) best = { phase: phase.name, throughput: phase.throughput };
  }
  return best;
}

/**
 * Each variant's cost per million predictions at `pricePerReplicaHour`. `replicas` says how many replicas
 * served each run when the results cannot (a URL target: the harness does not see behind it).
 */
export function variantCosts(variants: readonly ComparisonVariant[], pricePerReplicaHour: number, replicas?: number): VariantCost[] {
  return variants.map(({ label, results }) => {
    const run = runModelOf(results);
    const replicaCount = replicas ?? run?.replicas ?? 1;
    const rows = run?.rows ?? 1;
    const peak = peakPhase(results);
    const throughput = peak?.throughput ?? 0;
    return {
      label,
      replicas: replicaCount,
      rows,
      phase: peak?.phase ?? null,
      throughput,
      predictionsPerSecond: throughput * rows,
      costPerMillion: costPerMillionPredictions(pricePerReplicaHour, replicaCount, throughput * rows),
    };
  });
}
