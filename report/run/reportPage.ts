// The run report as one self-contained HTML document: headline cards, charts as inline SVG, the
// per-phase and threshold tables, and the scenario as it ran. No script, no external resource.

import type { ThresholdOutcome } from '../../harness/gate/thresholdOutcome.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import type { ReportChart } from '../reportChart.ts';
import { headlineCards, headlineFigures } from './headline.ts';
import { html, trustedHtml, type Html } from '../html.ts';
import { reportStyle } from '../reportStyle.ts';
import { modelTable, phaseTable, thresholdTable } from './tables.ts';

/** A chart and its rendered SVG. */
export interface RenderedChart {
  readonly chart: ReportChart;
  readonly svg: string;
}

/** A complete HTML document around `body`, titled `title`, with the report's stylesheet. */
export function htmlDocument(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${trustedHtml(reportStyle)}</style>
</head>
<body><main>
${body}
</main></body>
</html>
`.text;
}

/** A chart's section: title, caption, inline SVG and links to its spec and data. */
export function chartSection(rendered: RenderedChart): Html {
  const { chart, svg } = rendered;
  return html`<section id="${chart.name}">
<h2>${chart.title}</h2>
<p class="caption">${chart.caption}</p>
<div class="chart">${trustedHtml(svg)}</div>
<p class="files">Spec and data: <a href="charts/${chart.name}.vl.json">charts/${chart.name}.vl.json</a> · <a href="charts/${chart.name}.data.json">charts/${chart.name}.data.json</a></p>
</section>`;
}

/** The report page of one run. */
export function runReportPage(results: RunResults, thresholds: readonly ThresholdOutcome[], charts: readonly RenderedChart[]): string {
  const name = results.scenario.name;
  const body = html`<header>
<h1>${name}</h1>
<p class="meta">Run started ${results.startedAt} · ${(results.durationMs / 1000).toFixed(1)} s · target ${results.target.url} (${results.target.kind}) · ${results.environment.cpuModel}, ${results.environment.cpus} CPUs, Node ${results.environment.node}</p>
</header>
${results.complete ? '' : html`<p class="warn">This run did not complete: the numbers cover only part of it.</p>`}
${headlineCards(headlineFigures(results, thresholds))}
${thresholds.length === 0 ? '' : html`<h2>Thresholds</h2>${thresholdTable(thresholds)}`}
${charts.map(chartSection)}
<h2>Phases</h2>
${phaseTable(results)}
${(results.overall.models?.length ?? 0) > 1 ? html`<h2>By model</h2>
<p>Each request went to one model of the mix, chosen by a seeded weighted draw; rates are over each phase's schedule window, like the whole's.</p>
${modelTable(results)}` : ''}
<h2>Scenario as run</h2>
<pre>${JSON.stringify(results.scenario, null, 2)}</pre>`;
  return htmlDocument(`infercap report: ${name}`, body);
}
