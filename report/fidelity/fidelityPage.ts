// The fidelity report as one self-contained HTML document: the verdict against the goals first, the
// per-second charts, the totals side by side with their errors, then what was replayed and simulated.

import { formatMs, formatRate } from '../../harness/gate/figureFormat.ts';
import type { FidelityFigures, FidelityResults } from '../../harness/fidelity/fidelityResults.ts';
import { formatAbsoluteError, formatError } from '../../harness/fidelity/fidelitySummary.ts';
import { html, type Html } from '../html.ts';
import type { Finding } from '../reportHeadlines.ts';
import { headlineCards, type HeadlineFigure } from '../run/headline.ts';
import { chartSection, htmlDocument, type RenderedChart } from '../run/reportPage.ts';

const ms = (value: number | null) => (value === null ? '–' : formatMs(value));
const tone = (ok: boolean) => (ok ? 'pass' : 'fail') as 'pass' | 'fail';

export function fidelityHeadline(results: FidelityResults): HeadlineFigure[] {
  const { totals, goals, verdict, perSecondError } = results;
  return [
    { label: `Throughput error (goal ±${(goals.throughput * 100).toFixed(0)} %)`, value: formatError(totals.error.throughput), tone: tone(verdict.throughput) },
    { label: `p95 error (goal ±${(goals.p95 * 100).toFixed(0)} %)`, value: formatError(totals.error.p95), tone: tone(verdict.p95) },
    { label: 'Throughput error per second', value: formatAbsoluteError(perSecondError.throughput) },
    { label: 'p95 error per second', value: formatAbsoluteError(perSecondError.p95) },
  ];
}

type Row = readonly [label: string, key: keyof FidelityFigures, format: (f: FidelityFigures) => string];
const rows: readonly Row[] = [
  ['Throughput', 'throughput', (f) => formatRate(f.throughput)],
  ['Rejected', 'rejected', (f) => Math.round(f.rejected).toLocaleString('en-US')],
  ['p50', 'p50', (f) => ms(f.p50)],
  ['p95', 'p95', (f) => ms(f.p95)],
  ['p99', 'p99', (f) => ms(f.p99)],
];

export function totalsTable(results: FidelityResults): Html {
  const { totals } = results;
  return html`<table class="outcome"><thead><tr><th>Figure</th><th>Real</th><th>Simulated</th><th>Error</th></tr></thead>
<tbody>${rows.map(([label, key, format]) => html`<tr><td>${label}</td><td>${format(totals.real)}</td><td>${format(totals.simulated)}</td><td>${formatError(totals.error[key])}</td></tr>`)}</tbody></table>`;
}

function setupTable(results: FidelityResults): Html {
  const { trace, target, calibration, serviceModel, run } = results;
  const capacity = calibration.maxSustainableThroughput ?? calibration.peakThroughput;
  const entries: [string, string][] = [
    ['Trace', `${trace.file}, seconds ${trace.window.start}–${trace.window.end} of it, ${trace.speedup}x faster, load ×${Number(trace.scale.toPrecision(3))}, ${trace.arrivals} arrivals within each second (seed ${trace.seed})`],
    ['Replay', `${trace.requests.toLocaleString('en-US')} requests in ${trace.seconds} s; ${run.sent.toLocaleString('en-US')} sent, ${run.ok.toLocaleString('en-US')} succeeded, ${run.dropped} dropped by the load generator; drained in ${formatMs(run.drainMs)}`],
    ['Errors', Object.keys(run.errors).length === 0 ? 'none' : Object.entries(run.errors).map(([kind, n]) => `${kind}: ${n}`).join(', ')],
    ['Fleet', `${target.replicas} replica${target.replicas === 1 ? '' : 's'} of ${results.model} (${target.kind === 'reference' ? 'reference fleet started for the replay' : target.url})`],
    ['Calibration', `one replica, measured ${calibration.measuredAt}: capacity ${formatRate(capacity)} (${calibration.maxSustainableThroughput === null ? `the peak: no level was sustainable with p99 within ${formatMs(calibration.p99BudgetMs)}` : `the knee: p99 within ${formatMs(calibration.p99BudgetMs)}`}), low-load service time p50 ${ms(calibration.serviceTimeMs.p50)} / p95 ${ms(calibration.serviceTimeMs.p95)}`],
    ['Simulator', `${results.latencyModel} latency model; capacity ${formatRate(serviceModel.capacity)} per replica (the calibration's ${results.capacitySource === 'peak' ? 'peak throughput' : 'knee'}), queue limit ${serviceModel.queueLimit} per replica; fixed fleet of ${results.cluster.initialReplicas}`],
  ];
  return html`<table class="setup"><tbody>${entries.map(([label, value]) => html`<tr><th>${label}</th><td class="text">${value}</td></tr>`)}</tbody></table>`;
}

export function fidelityTitle(results: FidelityResults): string {
  return `Fidelity: ${results.model} on ${results.target.replicas} replica${results.target.replicas === 1 ? '' : 's'}`;
}

/** The index's one line: the totals' errors, passed when both goals are met. */
export function fidelityFinding(results: FidelityResults): Finding {
  const { error } = results.totals;
  return { headline: `simulated vs real: throughput ${formatError(error.throughput)}, p95 ${formatError(error.p95)} (${results.latencyModel} model)`, passed: results.verdict.met };
}

export function fidelityReportPage(results: FidelityResults, charts: readonly RenderedChart[]): string {
  const title = fidelityTitle(results);
  const { goals, verdict } = results;
  const body = html`<header>
<h1>${title}</h1>
<p class="meta">The same ${results.trace.requests.toLocaleString('en-US')} requests replayed for real and simulated · ${results.createdAt} · goals: throughput within ${(goals.throughput * 100).toFixed(0)} %, p95 within ${(goals.p95 * 100).toFixed(0)} % — <span class="badge ${verdict.met ? 'pass' : 'fail'}">${verdict.met ? 'met' : 'not met'}</span></p>
</header>
${headlineCards(fidelityHeadline(results))}
${charts.map(chartSection)}
<h2>Totals</h2>
${totalsTable(results)}
<p class="caption">Error = (simulated − real) / real. Real: 2xx answers and their latency from the intended send, 429/503 answers as rejected; simulated: served and rejected requests of the same arrivals, request-level percentiles.</p>
<h2>What was replayed and simulated</h2>
${setupTable(results)}`;
  return htmlDocument(`infercap ${title}`, body);
}
