// Picks the recommended policy: the cheapest candidate meeting the SLO, unless a fixed fleet meeting it
// is cheaper still; and says why in sentences a capacity planner can paste into a review.

import type { Candidate, FixedFleetOption, PolicyOutcome, Recommendation } from './planResults.ts';
import type { Slo } from '../simulate/simulationResults.ts';

const percent = (share: number) => `${(share * 100).toFixed(2)} %`;

function saving(outcome: PolicyOutcome, fixed: FixedFleetOption): number {
  return fixed.outcome.cost > 0 ? 1 - outcome.cost / fixed.outcome.cost : 0;
}

/** null when nothing meets the SLO. `pruned`: policies the search stopped early (they could not be the recommendation). */
export function recommend(candidates: readonly Candidate[], fixed: { atPeak: FixedFleetOption; atP99: FixedFleetOption }, slo: Slo, currency: string, pruned = 0): Recommendation | null {
  const meeting = candidates.filter((c) => c.outcome.meetsSlo).sort((a, b) => a.outcome.cost - b.outcome.cost || b.outcome.attainment.requests - a.outcome.attainment.requests);
  const fixedMeeting = [
    { id: 'fixed-p99', option: fixed.atP99 },
    { id: 'fixed-peak', option: fixed.atPeak },
  ].filter((f) => f.option.outcome.meetsSlo).sort((a, b) => a.option.outcome.cost - b.option.outcome.cost);
  const best = meeting[0];
  const bestFixed = fixedMeeting[0];
  const money = (x: number) => `${x.toFixed(2)} ${currency}`;
  const attainment = (o: PolicyOutcome) => `${slo.text} for ${percent(o.attainment.requests)} of requests (${percent(o.attainment.seconds)} of seconds; objective ${percent(slo.objective)})`;

  if (best === undefined || (bestFixed !== undefined && bestFixed.option.outcome.cost <= best.outcome.cost)) {
    if (bestFixed === undefined) return null;
    const o = bestFixed.option.outcome;
    return {
      candidateId: bestFixed.id,
      kind: 'fixed',
      label: `fixed fleet of ${bestFixed.option.replicas} replicas`,
      outcome: o,
      reasons: [
        `a fixed fleet of ${bestFixed.option.replicas} replicas (sized for ${bestFixed.option.loadRps.toFixed(0)} req/s) meets ${attainment(o)} at ${money(o.cost)}`,
        best === undefined ? 'no autoscaling policy in the search met the SLO' : `the cheapest autoscaling policy meeting the SLO costs ${money(best.outcome.cost)}, not less`,
      ],
      savingVsFixedPeak: saving(o, fixed.atPeak),
      savingVsFixedP99: saving(o, fixed.atP99),
    };
  }
  const o = best.outcome;
  const vsPeak = saving(o, fixed.atPeak);
  const reasons = [
    `${percent(vsPeak)} cheaper than the fixed fleet of ${fixed.atPeak.replicas} replicas sized for the peak (${money(o.cost)} vs ${money(fixed.atPeak.outcome.cost)}), ` +
      `at SLO attainment ${percent(o.attainment.requests)} vs ${percent(fixed.atPeak.outcome.attainment.requests)} of requests`,
    `meets ${attainment(o)}`,
    pruned === 0
      ? `the cheapest of ${meeting.length} policies meeting the SLO among ${candidates.length} evaluated`
      : `the cheapest of ${meeting.length} policies meeting the SLO among ${candidates.length} evaluated to the end; ${pruned} more were stopped early, once they could no longer meet the SLO or cost less`,
    `scales between ${o.replicas.min} and ${o.replicas.max} replicas (mean ${o.replicas.mean.toFixed(2)}), ${o.scaleEvents.up} scale-ups and ${o.scaleEvents.down} scale-downs; ${Math.round(o.rejected)} requests rejected`,
  ];
  if (fixed.atP99.outcome.meetsSlo) reasons.splice(1, 0, `${percent(saving(o, fixed.atP99))} cheaper than the fixed fleet of ${fixed.atP99.replicas} replicas sized for the 99th-percentile load`);
  else reasons.splice(1, 0, `the fixed fleet of ${fixed.atP99.replicas} replicas sized for the 99th-percentile load misses the SLO (${percent(fixed.atP99.outcome.attainment.requests)} of requests)`);
  return { candidateId: best.id, kind: 'hpa', label: best.label, outcome: o, reasons, savingVsFixedPeak: vsPeak, savingVsFixedP99: saving(o, fixed.atP99) };
}
