// The sweep report (and the calibration report, which shows the same curve) as one self-contained
// HTML document: the knee first, the throughput-latency charts, then the table of every level.

import { formatMs, formatPercent, formatRate } from '../../harness/gate/figureFormat.ts';
import { headlineCards, type HeadlineFigure } from '../run/headline.ts';
import { html, type Html } from '../html.ts';
import { chartSection, htmlDocument, type RenderedChart } from '../run/reportPage.ts';
import type { LatencyCurve } from './latencyCurve.ts';
import type { CalibrationFile, SweepFile } from '../../harness/results/sweepResults.ts';

const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : formatMs(value));

/** The knee, the budget and the peak, as headline cards; the knee is red when no level met the budget. */
export function curveHeadline(curve: LatencyCurve): HeadlineFigure[] {
  const knee = curve.points.find((point) => point.level === curve.kneeLevel);
  const peak = Math.max(0, ...curve.points.map((point) => point.throughput));
  const unstable = curve.points.filter((point) => point.stable === false).length;
  return [
    knee === undefined
      ? { label: 'Knee', value: 'none within budget', tone: 'fail' }
      : { label: 'Knee', value: `${knee.level} ${curve.levelUnit}`, tone: 'pass' },
    { label: 'Throughput at knee', value: knee === undefined ? '–' : formatRate(knee.throughput) },
    { label: 'p99 at knee', value: ms(knee?.p99) },
    { label: 'p99 budget', value: formatMs(curve.p99BudgetMs) },
    { label: 'Peak throughput', value: formatRate(peak) },
    { label: 'Levels', value: `${curve.points.length}${unstable === 0 ? '' : ` (${unstable} unstable)`}` },
  ];
}

/** One row per level: throughput, percentiles, errors and windows when known, the knee marked. */
export function curveTable(curve: LatencyCurve): Html {
  const sweep = curve.points.some((point) => point.windows !== undefined);
  return html`<table class="levels">
<thead><tr><th>Level (${curve.levelUnit})</th><th>Throughput</th><th>p50</th><th>p95</th><th>p99</th>${sweep ? html`<th>Errors</th><th>Windows</th>` : ''}<th>Budget</th></tr></thead>
<tbody>${curve.points.map((point) => {
    const within = point.p99 !== null && point.p99 <= curve.p99BudgetMs;
    return html`<tr${point.level === curve.kneeLevel ? html` class="knee"` : ''}><td>${point.level}${point.level === curve.kneeLevel ? html` <span class="badge pass">knee</span>` : ''}</td><td>${formatRate(point.throughput)}</td><td>${ms(point.p50)}</td><td>${ms(point.p95)}</td><td>${ms(point.p99)}</td>${
      sweep
        ? html`<td>${point.errorRate === null || point.errorRate === undefined ? '–' : formatPercent(point.errorRate)}</td><td>${point.windows ?? '–'}${point.stable === false ? ' (unstable)' : ''}</td>`
        : ''
    }<td class="${within ? 'pass' : 'fail'}">${within ? 'within' : 'over'}</td></tr>`;
  })}</tbody>
</table>`;
}

function curveBody(curve: LatencyCurve, charts: readonly RenderedChart[]): Html {
  return html`${headlineCards(curveHeadline(curve))}
${charts.map(chartSection)}
<h2>Levels</h2>
${curveTable(curve)}`;
}

export function sweepReportPage(sweep: SweepFile, curve: LatencyCurve, charts: readonly RenderedChart[]): string {
  const model = `${sweep.workload.model}${sweep.workload.version === undefined ? '' : `/${sweep.workload.version}`}`;
  const { environment } = sweep;
  const body = html`<header>
<h1>Sweep: ${sweep.scenario}</h1>
<p class="meta">${sweep.mode === 'concurrency' ? 'Closed-loop concurrency' : `Open-loop request-rate (${sweep.arrivals ?? 'constant'} arrivals)`} sweep of ${model} · started ${sweep.startedAt} · target ${sweep.target.url} (${sweep.target.kind}) · ${environment.cpuModel}, ${environment.cpus} CPUs, Node ${environment.node}</p>
</header>
${curveBody(curve, charts)}
${sweep.target.options === undefined ? '' : html`<h2>Server settings swept</h2><pre>${JSON.stringify(sweep.target.options, null, 2)}</pre>`}`;
  return htmlDocument(`infercap sweep: ${sweep.scenario}`, body);
}

export function calibrationReportPage(calibration: CalibrationFile, curve: LatencyCurve, charts: readonly RenderedChart[]): string {
  const model = `${calibration.model}${calibration.modelVersion === undefined ? '' : `/${calibration.modelVersion}`}`;
  const service = calibration.serviceTimeMs;
  const body = html`<header>
<h1>Calibration: ${model}</h1>
<p class="meta">One replica, measured ${calibration.measuredAt} · maximum sustainable throughput ${calibration.maxSustainableThroughput === null ? 'none within the budget' : formatRate(calibration.maxSustainableThroughput)} · peak ${formatRate(calibration.peakThroughput)}</p>
</header>
${curveBody(curve, charts)}
<h2>Service time</h2>
<p class="caption">Latency at the lowest level of the sweep (level ${service.level}), where requests barely queue: what the simulator's service model starts from.</p>
<table class="service-time">
<thead><tr><th>Level</th><th>Mean</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th></tr></thead>
<tbody><tr><td>${service.level}</td><td>${ms(service.mean)}</td><td>${ms(service.p50)}</td><td>${ms(service.p90)}</td><td>${ms(service.p95)}</td><td>${ms(service.p99)}</td></tr></tbody>
</table>
${calibration.serverOptions === undefined ? '' : html`<h2>Server settings</h2><pre>${JSON.stringify(calibration.serverOptions, null, 2)}</pre>`}`;
  return htmlDocument(`infercap calibration: ${model}`, body);
}
