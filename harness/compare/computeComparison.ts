// Computes a comparison once, into its results kind: per-phase ratios, the gate's verdict for two runs,
// model quality (each variant's model file in ONNX Runtime on the same inputs), cost per million
// predictions, and which variant to ship. Everything slow or stateful happens here, so the report renders
// from the file alone.

import { modelFileOptionUnknownVariant } from '../../common/errors.ts';
import { comparisonSchemaVersion, type ComparisonResults, type PhaseRatioRow } from '../results/comparisonResults.ts';
import { envelopeOf } from '../results/resultsEnvelope.ts';
import type { RunResults } from '../results/runResults.ts';
import { uniqueNames } from '../../report/writeReport.ts';
import { comparisonHeadline, shipRecommendation } from './comparisonHeadline.ts';
import type { ComparisonVariant } from './comparisonVariant.ts';
import { gateOutcome } from './gateOutcome.ts';
import { modelQuality, type ModelQualityOptions } from './modelQuality.ts';
import { phaseRatios } from './phaseComparison.ts';
import { defaultPricePerReplicaHour, variantCosts } from './predictionCost.ts';

export interface ComparisonOptions extends ModelQualityOptions {
  /** Price of one replica for an hour, for the cost per million predictions; `defaultPricePerReplicaHour` when absent. */
  readonly pricePerReplicaHour?: number;
  /** Replicas behind each run's target, for its cost, when the results do not say (a URL target). */
  readonly replicas?: number;
  /** false skips running the models even when the variants served different model files. */
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
  for (const label of Object.keys(options.modelFiles ?? {})) if (!labels.includes(label)) throw modelFileOptionUnknownVariant(label, labels);
  const pricePerReplicaHour = options.pricePerReplicaHour ?? defaultPricePerReplicaHour;
  const quality = (options.evaluateModels === false ? undefined : await modelQuality(variants, options)) ?? null;
  const ratios = phaseRatios(variants).map(
    ({ label, phase, ratios }): PhaseRatioRow => ({ label, phase: phase.name, kind: phase.kind, ...(phase.targetRate === undefined ? {} : { targetRate: phase.targetRate }), ratios }),
  );
  const gate = variants.length === 2 ? gateOutcome(variants[0]!.results, variants[1]!.results) : null;
  const costs = variantCosts(variants, pricePerReplicaHour, options.replicas);
  const recommendation = shipRecommendation({ labels, costs, gate, quality });
  return {
    ...envelopeOf('comparison', comparisonSchemaVersion, { now }),
    headline: comparisonHeadline(recommendation, variants),
    recommendation,
    variants: variants.map(({ label, results }) => ({ label, results })),
    ratios,
    gate,
    quality,
    costs,
    pricePerReplicaHour,
  };
}
