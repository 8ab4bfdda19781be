// The comparison's one-line verdict, decided once when it is computed: which variant to ship and why
// (the faster one, if its outputs meet the quality bar and the regression gate passed; else the first),
// then latency at equal offered load and throughput at the ceiling, each from the phase that answers it.

import { formatPercent, formatRate } from '../gate/figureFormat.ts';
import type { ModelQuality, OutputQuality, ShipRecommendation, VariantCost } from '../results/comparisonResults.ts';
import type { PhaseStats } from '../stats/phaseStats.ts';
import type { ComparisonVariant } from './comparisonVariant.ts';
import type { GateOutcome } from './gateOutcome.ts';
import { connectionsOf, figureOf, headlinePhases, measuredPhases, ratioOf, type ComparedFigure } from './phaseComparison.ts';

/** A ratio as reports write it: `1.234×`, to three decimals; `–` for none. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '–' : `${ratio.toFixed(3)}×`;
}

/**
 * The last variant against the first, each figure from the phase that answers its question: p99 at
 * equal offered load (the open-loop phase at the highest rate) and throughput at the ceiling (the
 * closed-loop phase with the most connections), each named. Never overall figures, which blend the two.
 */
export function latencyFinding(variants: readonly ComparisonVariant[]): string {
  const first = variants[0];
  const last = variants.at(-1);
  if (first === undefined || last === undefined || variants.length < 2) return `${variants.length} variant${variants.length === 1 ? '' : 's'}`;
  const { equalLoad, ceiling } = headlinePhases(first.results);
  const ratio = (phase: PhaseStats, figure: ComparedFigure) => {
    const other = measuredPhases(last.results).find((p) => p.name === phase.name && p.kind === phase.kind && p.targetRate === phase.targetRate);
    return formatRatio(other === undefined ? null : ratioOf(figureOf(other, figure), figureOf(phase, figure)));
  };
  const connections = ceiling === undefined ? undefined : connectionsOf(first.results, ceiling.name);
  const parts = [
    ...(equalLoad === undefined ? [] : [`p99 at equal offered load (${equalLoad.name}, ${formatRate(equalLoad.targetRate!)}) ${ratio(equalLoad, 'p99')}`]),
    ...(ceiling === undefined
      ? []
      : [`throughput at the ceiling (${ceiling.name}${connections === undefined ? '' : `, ${connections} connection${connections === 1 ? '' : 's'}`}) ${ratio(ceiling, 'throughput')}`]),
  ];
  return `${last.label} against ${first.label}: ${parts.length === 0 ? 'no open- or closed-loop phase to compare' : parts.join(', ')}`;
}

/** What the recommendation weighs, all computed before it. */
export interface RecommendationInput {
  readonly labels: readonly string[];
  /** Per variant: predictions/s at its busiest phase and its replicas (throughput per replica is compared). */
  readonly costs: readonly Pick<VariantCost, 'label' | 'predictionsPerSecond' | 'replicas'>[];
  /** The gate's outcome of the second variant against the first (two variants only). */
  readonly gate: GateOutcome | null;
  /** null when every variant served the same model file (their outputs are the same) or quality was not asked for. */
  readonly quality: ModelQuality | null;
}

/** The quality figure a headline names: the worst output's top-1 agreement, else its cosine similarity. */
function qualityText(outputs: readonly OutputQuality[], first: string): string {
  const classes = outputs.filter((o) => o.kind === 'classes');
  if (classes.length > 0) {
    const worst = classes.reduce((a, b) => (b.agreement < a.agreement ? b : a));
    return `${formatPercent(worst.agreement)} top-1 agreement with ${first}`;
  }
  const values = outputs.filter((o) => o.kind === 'values');
  if (values.length === 0) return 'no outputs compared';
  const worst = values.reduce((a, b) => (b.cosine < a.cosine ? b : a));
  return `cosine similarity ${worst.cosine.toFixed(4)} with ${first} (max abs error ${Number(worst.maxAbsError.toPrecision(3))})`;
}

/**
 * Which variant to ship. A later variant is a candidate when its throughput per replica beats the
 * first's; it is shipped when its outputs meet the quality bar (or it served the same model file) and,
 * for two variants, the regression gate did not fail. Of several, the fastest. Otherwise the first
 * variant, naming what stopped the fastest candidate.
 */
export function shipRecommendation(input: RecommendationInput): ShipRecommendation {
  const first = input.labels[0] ?? '';
  const perReplica = (i: number) => {
    const cost = input.costs[i];
    return cost === undefined ? 0 : cost.predictionsPerSecond / cost.replicas;
  };
  const judged = input.labels.slice(1).map((label, k) => {
    const i = k + 1;
    const speedup = ratioOf(perReplica(i), perReplica(0));
    const faster = `${formatRatio(speedup)} peak throughput per replica`;
    const quality = input.quality?.variants.find((v) => v.label === label);
    let blocker: string | undefined;
    let shown = 'same model file';
    if (input.quality !== null) {
      if (quality === undefined || 'unavailable' in quality) blocker = `its outputs were not compared (${quality === undefined ? 'no model file' : quality.unavailable})`;
      else {
        shown = qualityText(quality.outputs, first);
        if (!quality.meetsBar) blocker = `${shown} is below the bar (${formatPercent(input.quality.bar.minAgreement)} top-1 agreement, cosine ${input.quality.bar.minCosine})`;
      }
    }
    const gate = input.labels.length === 2 && input.gate !== null ? input.gate : undefined;
    if (blocker === undefined && gate !== undefined && 'verdict' in gate && !gate.verdict.passed) blocker = 'the regression gate failed';
    const gateText = gate === undefined ? [] : 'verdict' in gate ? (gate.verdict.passed ? ['gate passed'] : []) : ['no gate verdict'];
    return { label, speedup, faster, blocker, text: [faster, shown, ...gateText].join(', ') };
  });
  const candidates = judged.filter((j) => j.speedup !== null && j.speedup > 1).sort((a, b) => b.speedup! - a.speedup!);
  const shipped = candidates.find((c) => c.blocker === undefined);
  if (shipped !== undefined) return { ship: shipped.label, reason: shipped.text };
  const best = candidates[0];
  if (best === undefined) {
    return { ship: first, reason: judged.length === 0 ? 'the only variant' : `no variant has more peak throughput per replica than ${first} (${judged.map((j) => `${j.label} ${j.faster}`).join(', ')})` };
  }
  return { ship: first, reason: `${best.label} has ${best.faster} but ${best.blocker}` };
}

/** The headline: the recommendation, then the latency finding. */
export function comparisonHeadline(recommendation: ShipRecommendation, variants: readonly ComparisonVariant[]): string {
  return `ship ${recommendation.ship}: ${recommendation.reason} · ${latencyFinding(variants)}`;
}
