// The capacity-plan report as one self-contained HTML document: the recommendation and its reasons
// first, the cost vs SLO Pareto chart, the recommended policy against the fixed fleet over the trace,
// the fixed-fleet sizing, the Pareto frontier, and the HPA manifest to apply.

import { formatPercent } from '../../harness/gate/figureFormat.ts';
import type { PlanResults } from '../../simulator/plan/planResults.ts';
import type { ReportChart } from '../reportChart.ts';
import { headlineCards, type HeadlineFigure } from '../run/headline.ts';
import { html, type Html } from '../html.ts';
import { formatMoney } from '../reportHeadlines.ts';
import { chartSection, htmlDocument, type RenderedChart } from '../run/reportPage.ts';
import { paretoChart } from './paretoChart.ts';
import { costChart, latencySloChart, loadReplicasChart, rejectedChart, type LabelledSeries } from './seriesCharts.ts';
import { timeUnitFor } from './seriesRows.ts';
import { formatDuration, outcomeCells, outcomeHeader, setupTable } from './simTables.ts';

/** The series the time charts compare: the recommended policy's (when there is one) and the fixed fleet sized at peak. */
function planRuns(plan: PlanResults): LabelledSeries[] {
  const fixed = { label: `fixed fleet of ${plan.fixedFleet.atPeak.replicas}`, series: plan.series.fixedFleet };
  return plan.series.recommended === null ? [fixed] : [{ label: 'recommended', series: plan.series.recommended }, fixed];
}

export function planCharts(plan: PlanResults): ReportChart[] {
  const runs = planRuns(plan);
  const unit = timeUnitFor(plan.trace.seconds);
  return [paretoChart(plan), loadReplicasChart(runs, unit), latencySloChart(runs, plan.slo, unit), rejectedChart(runs, unit), costChart(runs, unit, plan.instance.currency)];
}

const signedSaving = (saving: number) => (saving >= 0 ? `${formatPercent(saving)} cheaper` : `${formatPercent(-saving)} dearer`);

export function planHeadline(plan: PlanResults): HeadlineFigure[] {
  const { recommended, instance, fixedFleet } = plan;
  if (recommended === null) {
    return [
      { label: 'Recommendation', value: `none meets ${plan.slo.text}`, tone: 'fail' },
      { label: 'Fixed fleet at peak', value: `${fixedFleet.atPeak.replicas} replicas` },
    ];
  }
  const { outcome } = recommended;
  return [
    { label: 'Recommended', value: recommended.kind === 'hpa' ? 'HPA policy' : 'fixed fleet', tone: outcome.meetsSlo ? 'pass' : 'fail' },
    { label: 'Cost', value: formatMoney(outcome.cost, instance.currency) },
    { label: 'vs fixed at peak', value: signedSaving(recommended.savingVsFixedPeak), tone: recommended.savingVsFixedPeak >= 0 ? 'pass' : 'fail' },
    { label: 'vs fixed at p99 load', value: signedSaving(recommended.savingVsFixedP99) },
    { label: `SLO ${plan.slo.text}`, value: `${formatPercent(outcome.attainment.requests)} of requests` },
    { label: 'Replicas', value: `${outcome.replicas.min}–${outcome.replicas.max}` },
  ];
}

/** The fixed fleets sized at peak and at the p99 load, beside the recommendation. */
export function fixedFleetTable(plan: PlanResults): Html {
  const currency = plan.instance.currency;
  const { atPeak, atP99 } = plan.fixedFleet;
  return html`<table class="fixed-fleet">
<thead><tr><th>Fleet</th><th>Sized for</th><th>Replicas</th>${outcomeHeader}</tr></thead>
<tbody>
<tr><td>Fixed, at peak</td><td>${atPeak.loadRps.toFixed(1)}/s</td><td>${atPeak.replicas}</td>${outcomeCells(atPeak.outcome, currency)}</tr>
<tr><td>Fixed, at p99 load</td><td>${atP99.loadRps.toFixed(1)}/s</td><td>${atP99.replicas}</td>${outcomeCells(atP99.outcome, currency)}</tr>
${plan.recommended === null ? '' : html`<tr class="recommended"><td>Recommended</td><td>–</td><td>${plan.recommended.outcome.replicas.min}–${plan.recommended.outcome.replicas.max}</td>${outcomeCells(plan.recommended.outcome, currency)}</tr>`}
</tbody>
</table>`;
}

/** The candidates on the Pareto frontier, cheapest first; the recommended one marked. */
export function frontierTable(plan: PlanResults): Html {
  const frontier = plan.candidates.filter((c) => c.pareto).sort((a, b) => a.outcome.cost - b.outcome.cost);
  const recommendedId = plan.recommended?.candidateId;
  return html`<table class="frontier">
<thead><tr><th>Policy</th>${outcomeHeader}</tr></thead>
<tbody>${frontier.map(
    (c) =>
      html`<tr${c.id === recommendedId ? html` class="recommended"` : ''}><td class="text">${c.label}${c.id === recommendedId ? html` <span class="badge pass">recommended</span>` : ''}</td>${outcomeCells(c.outcome, plan.instance.currency)}</tr>`,
  )}</tbody>
</table>`;
}

export function planReportPage(plan: PlanResults, charts: readonly RenderedChart[]): string {
  const { recommended, search } = plan;
  const title = `Capacity plan: ${plan.trace.name}`;
  const [pareto, ...timeCharts] = charts;
  const body = html`<header>
<h1>${title}</h1>
<p class="meta">${plan.slo.text} for ${formatPercent(plan.slo.objective)} of requests over ${formatDuration(plan.trace.seconds)} of traffic · ${search.evaluated} policies evaluated (${search.method} search, ${search.workers} workers, ${(search.elapsedMs / 1000).toFixed(1)} s) · planned ${plan.createdAt}</p>
</header>
${headlineCards(planHeadline(plan))}
${recommended === null ? html`<p class="warn">No policy, fixed or autoscaled, meets the SLO on this trace.</p>` : html`<h2>Recommendation</h2>
<p class="recommendation"><strong>${recommended.label}</strong></p>
<ul class="reasons">${recommended.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`}
${plan.notes.length === 0 ? '' : html`<div class="warn"><ul class="notes">${plan.notes.map((note) => html`<li>${note}</li>`)}</ul></div>`}
${pareto === undefined ? '' : chartSection(pareto)}
<h2>Fixed-fleet sizing</h2>
<p class="caption">The fewest replicas that keep ${plan.slo.percentile} within bound, steadily, at the peak and at the 99th percentile of the per-second load, simulated over the whole trace.</p>
${fixedFleetTable(plan)}
${timeCharts.map(chartSection)}
<h2>Pareto frontier</h2>
<p class="caption">The autoscaling policies no other policy beats on both cost and SLO attainment, cheapest first; all ${plan.candidates.length} are in charts/cost-vs-slo.data.json.</p>
${frontierTable(plan)}
<h2>HorizontalPodAutoscaler</h2>
${plan.hpaYaml === null ? html`<p>The recommendation is a fixed fleet: no autoscaler to apply.</p>` : html`<p class="caption">The autoscaling/v2 manifest of the recommendation, also saved as <a href="hpa.yaml">hpa.yaml</a> to apply with <code>kubectl apply -f hpa.yaml</code>.</p><pre class="yaml">${plan.hpaYaml}</pre>`}
<h2>What was simulated</h2>
${setupTable(plan)}`;
  return htmlDocument(`infercap ${title}`, body);
}
