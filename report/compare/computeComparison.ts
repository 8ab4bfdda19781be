// Computes a comparison once, into its results kind: per-phase ratios, the gate's verdict for two runs,
// model quality (ONNX Runtime over the MNIST test split), cost per million predictions and the headline.
// Everything slow or stateful happens here, so the report renders from the file alone.

import { comparisonSchemaVersion, type ComparisonResults, type PhaseRatioRow } from '../../harness/results/comparisonResults.ts';
import { envelopeOf } from '../../harness/results/resultsEnvelope.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import { comparisonFinding } from '../reportHeadlines.ts';
import { uniqueNames } from '../writeReport.ts';
import type { ComparisonVariant } from './comparisonCharts.ts';
import { gateOutcome } from './comparisonTables.ts';
import { modelQuality, type ModelQualityOptions } from './modelQuality.ts';
import { phaseRatios } from './phaseComparison.ts';
import { defaultPricePerReplicaHour, variantCosts } from './predictionCost.ts';

export interface ComparisonOptions extends ModelQualityOptions {
  /** Price of one replica for an hour, for the cost per million predictions; `defaultPricePerReplicaHour` when absent. */
  readonly pricePerReplicaHour?: number;
  /** Replicas behind each run's target, for its cost, when the results do not say (a URL target). */
  readonly replicas?: number;
  /** false skips measuring the models' accuracy even when the variants served different models. */
  readonly evaluateModels?: boolean;
}

/**
 * The comparison of `runs` (the first is the reference of every ratio), computed at `now`. Repeated
 * labels are made unique (`a`, `a-2`). Throws when `runs` is empty.
 */
export async function computeComparison(runs: readonly { label: string; results: RunResults }[], options: ComparisonOptions = {}, now = new Date()): Promise<ComparisonResults> {
  if (runs.length === 0) throw new RangeError('a comparison needs at least one variant');
  const labels = uniqueNames(runs.map((r) => r.label));
  const variants: ComparisonVariant[] = runs.map((r, i) => ({ label: labels[i]!, results: r.results }));
  const pricePerReplicaHour = options.pricePerReplicaHour ?? defaultPricePerReplicaHour;
  const quality = options.evaluateModels === false ? undefined : await modelQuality(variants, options);
  const ratios = phaseRatios(variants).map(
    ({ label, phase, ratios }): PhaseRatioRow => ({ label, phase: phase.name, kind: phase.kind, ...(phase.targetRate === undefined ? {} : { targetRate: phase.targetRate }), ratios }),
  );
  return {
    ...envelopeOf('comparison', comparisonSchemaVersion, { now }),
    headline: comparisonFinding(variants).headline,
    variants: variants.map(({ label, results }) => ({ label, results })),
    ratios,
    gate: variants.length === 2 ? gateOutcome(variants[0]!.results, variants[1]!.results) : null,
    quality: quality ?? null,
    costs: variantCosts(variants, pricePerReplicaHour, options.replicas),
    pricePerReplicaHour,
  };
}
