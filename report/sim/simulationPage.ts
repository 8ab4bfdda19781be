// The simulation report as one self-contained HTML document: the SLO verdict and cost first, the load,
// replicas, latency, rejections and cost over the trace, then what was simulated and the policy as declared.

import { formatMs, formatPercent } from '../../harness/gate/figureFormat.ts';
import type { SimulationResults } from '../../simulator/simulate/simulationResults.ts';
import type { ReportChart } from '../reportChart.ts';
import { headlineCards, type HeadlineFigure } from '../run/headline.ts';
import { html } from '../html.ts';
import { formatMoney } from '../reportHeadlines.ts';
import { chartSection, htmlDocument, type RenderedChart } from '../run/reportPage.ts';
import { costChart, latencySloChart, loadReplicasChart, rejectedChart } from './seriesCharts.ts';
import { timeUnitFor } from './seriesRows.ts';
import { outcomeCells, outcomeHeader, setupTable } from './simTables.ts';

export function simulationCharts(simulation: SimulationResults): ReportChart[] {
  const runs = [{ label: simulation.policy.name, series: simulation.series }];
  const unit = timeUnitFor(simulation.trace.seconds);
  return [loadReplicasChart(runs, unit), latencySloChart(runs, simulation.slo, unit), rejectedChart(runs, unit), costChart(runs, unit, simulation.instance.currency)];
}

export function simulationHeadline(simulation: SimulationResults): HeadlineFigure[] {
  const { summary, slo, instance } = simulation;
  const ms = (value: number | null) => (value === null ? '–' : formatMs(value));
  return [
    { label: `SLO ${slo.text}`, value: `${formatPercent(summary.attainment.requests)} of requests`, tone: summary.meetsSlo ? 'pass' : 'fail' },
    { label: 'p95', value: ms(summary.latencyMs.p95) },
    { label: 'p99', value: ms(summary.latencyMs.p99) },
    { label: 'Rejected', value: formatPercent(summary.rejectedShare), ...(summary.rejected > 0 ? { tone: 'fail' as const } : {}) },
    { label: 'Replicas (mean)', value: summary.replicas.mean.toFixed(1) },
    { label: 'Cost', value: formatMoney(summary.cost, instance.currency) },
  ];
}

export function simulationReportPage(simulation: SimulationResults, charts: readonly RenderedChart[]): string {
  const { summary, policy, trace, instance } = simulation;
  const title = `Simulation: ${trace.name} under ${policy.name}`;
  const body = html`<header>
<h1>${title}</h1>
<p class="meta">Policy ${policy.name} (${policy.kind}) · simulated ${simulation.createdAt} · ${summary.scaleEvents.up} scale-ups, ${summary.scaleEvents.down} scale-downs · ${summary.replicaHours.toFixed(1)} replica-hours${summary.meanCpuUtilization === null ? '' : ` · mean CPU ${summary.meanCpuUtilization.toFixed(1)} %`}</p>
</header>
${headlineCards(simulationHeadline(simulation))}
${charts.map(chartSection)}
<h2>Outcome</h2>
<table class="outcome"><thead><tr><th>Policy</th>${outcomeHeader}</tr></thead>
<tbody><tr><td>${policy.name}</td>${outcomeCells(summary, instance.currency)}</tr></tbody></table>
<p class="caption">${Math.round(summary.served).toLocaleString('en-US')} of ${Math.round(summary.requests).toLocaleString('en-US')} requests served; ${Math.round(summary.backlogAtEnd).toLocaleString('en-US')} still queued when the trace ended.</p>
<h2>What was simulated</h2>
${setupTable(simulation)}
<h2>Policy as declared</h2>
<pre>${JSON.stringify(policy.declaration, null, 2)}</pre>`;
  return htmlDocument(`infercap ${title}`, body);
}
