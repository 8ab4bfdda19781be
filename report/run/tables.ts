// The report's tables: one row per phase, one per threshold.

import { formatMetricValue, formatMs, formatPercent, formatRate } from '../../harness/gate/figureFormat.ts';
import { thresholdMeasure, type ThresholdOutcome } from '../../harness/gate/thresholdOutcome.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import type { PhaseStats } from '../../harness/stats/phaseStats.ts';
import { html, type Html } from '../html.ts';

const ms = (value: number | null): string => (value === null ? '–' : formatMs(value));

function errorKinds(errors: PhaseStats['errors']): string {
  const kinds = Object.entries(errors);
  return kinds.length === 0 ? '' : kinds.map(([kind, count]) => `${kind}: ${count}`).join(', ');
}

/** Per phase: kind, duration, target and achieved rate, throughput, latency percentiles, errors. */
export function phaseTable(results: RunResults): Html {
  const row = (phase: Pick<PhaseStats, 'counts' | 'errors' | 'errorRate' | 'latency' | 'throughput' | 'achievedRate' | 'durationMs' | 'windowMs' | 'drainMs'> & { targetRate?: number | undefined }, name: Html) => html`<tr>
<td>${name}</td><td>${(phase.windowMs / 1000).toFixed(1)} s<br><small>+ ${(phase.drainMs / 1000).toFixed(1)} s drain</small></td><td>${phase.targetRate === undefined ? '–' : formatRate(phase.targetRate)}</td><td>${formatRate(phase.achievedRate)}</td><td>${formatRate(phase.throughput)}</td>
<td>${ms(phase.latency.p50)}</td><td>${ms(phase.latency.p95)}</td><td>${ms(phase.latency.p99)}</td><td>${ms(phase.latency.max)}</td>
<td class="${phase.counts.errors > 0 ? 'fail' : ''}">${phase.counts.errors}${phase.errorRate === null ? '' : ` (${formatPercent(phase.errorRate)})`}<br><small>${errorKinds(phase.errors)}</small></td><td>${phase.counts.dropped}</td></tr>`;
  return html`<table>
<thead><tr><th>Phase</th><th title="The schedule window every rate is divided by, then the wait for the last answers, which no rate counts">Window</th><th>Target</th><th>Achieved</th><th>Throughput</th><th>p50</th><th>p95</th><th>p99</th><th>Max</th><th>Errors</th><th>Dropped</th></tr></thead>
<tbody>${results.phases.map((phase) => row(phase, html`${phase.name}<br><small>${phase.kind}${phase.warmup ? ' · warm-up' : ''}</small>`))}
${row(results.overall, html`<strong>overall</strong>`)}</tbody>
</table>`;
}

/** A mix of models: each model's figures in each phase and overall (requests due = sent + dropped). */
export function modelTable(results: RunResults): Html {
  const rows = [...results.phases.map((phase) => ({ label: html`${phase.name}${phase.warmup ? html`<br><small>warm-up</small>` : ''}`, models: phase.models ?? [] })), { label: html`<strong>overall</strong>`, models: results.overall.models ?? [] }];
  return html`<table>
<thead><tr><th>Phase</th><th>Model</th><th>Requests</th><th>Share</th><th>Throughput</th><th>p50</th><th>p95</th><th>p99</th><th>Max</th><th>Errors</th><th>Dropped</th></tr></thead>
<tbody>${rows.flatMap(({ label, models }) => {
    const due = models.reduce((sum, split) => sum + split.counts.sent + split.counts.dropped, 0);
    return models.map(
      (split, i) => html`<tr><td>${i === 0 ? label : ''}</td><td class="text">${split.model}</td><td>${split.counts.sent + split.counts.dropped}</td><td>${due === 0 ? '–' : formatPercent((split.counts.sent + split.counts.dropped) / due)}</td><td>${formatRate(split.throughput)}</td>
<td>${ms(split.latency.p50)}</td><td>${ms(split.latency.p95)}</td><td>${ms(split.latency.p99)}</td><td>${ms(split.latency.max)}</td>
<td class="${split.counts.errors > 0 ? 'fail' : ''}">${split.counts.errors}${split.errorRate === null ? '' : ` (${formatPercent(split.errorRate)})`}<br><small>${errorKinds(split.errors)}</small></td><td>${split.counts.dropped}</td></tr>`,
    );
  })}</tbody>
</table>`;
}

/** One row per threshold: pass/fail, metric, expression, observed value and why it failed. */
export function thresholdTable(thresholds: readonly ThresholdOutcome[]): Html {
  return html`<table>
<thead><tr><th>Result</th><th>Metric</th><th>Threshold</th><th>Observed</th></tr></thead>
<tbody>${thresholds.map(
    (outcome) => html`<tr><td><span class="badge ${outcome.passed ? 'pass' : 'fail'}">${outcome.passed ? 'pass' : 'fail'}</span></td><td class="text">${thresholdMeasure(outcome)}</td><td class="text"><code>${outcome.expression}</code>${outcome.reason === undefined ? '' : html`<br><small class="fail">${outcome.reason}</small>`}</td><td>${outcome.observed === null ? '–' : formatMetricValue(outcome.metric, outcome.observed)}</td></tr>`,
  )}</tbody>
</table>`;
}
