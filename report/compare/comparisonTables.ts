// The comparison report's tables: each variant's figures per phase, their ratios against the first
// variant's in the same phase, and (for two variants) the regression gate's verdict per statistic.

import { formatChange, formatMs, formatPercent, formatPoints, formatRate } from '../../harness/gate/figureFormat.ts';
import { findingOf, formatGateChange, formatGateValue } from '../../harness/gate/regressionGate.ts';
import type { GateOutcome } from '../../harness/compare/gateOutcome.ts';
import { formatRatio } from '../../harness/compare/comparisonHeadline.ts';
import type { PhaseStats } from '../../harness/stats/phaseStats.ts';
import type { PhaseRatioRow } from '../../harness/results/comparisonResults.ts';
import { html, type Html } from '../html.ts';
import type { ComparisonVariant } from '../../harness/compare/comparisonVariant.ts';
import { comparedFigures, figureOf, measuredPhases, type ComparedFigure } from '../../harness/compare/phaseComparison.ts';

const figureTitles: Record<ComparedFigure, string> = { throughput: 'Throughput', p50: 'p50', p95: 'p95', p99: 'p99', errorRate: 'Error rate' };

function formatFigure(figure: ComparedFigure, value: number | null): string {
  if (value === null) return '–';
  if (figure === 'throughput') return formatRate(value);
  if (figure === 'errorRate') return formatPercent(value);
  return formatMs(value);
}

/** A phase as the tables name it: `open-50 (open, 50/s)`, `closed-4 (closed)`. */
function phaseLabel(phase: Pick<PhaseStats, 'name' | 'kind' | 'targetRate'>): string {
  return `${phase.name} (${phase.kind}${phase.targetRate === undefined ? '' : `, ${formatRate(phase.targetRate)}`})`;
}

export { formatRatio };

/** Each variant's figures, phase by phase (warm-up excluded). */
export function figuresTable(variants: readonly ComparisonVariant[]): Html {
  return html`<table class="figures">
<thead><tr><th>Variant</th><th>Phase</th>${comparedFigures.map((f) => html`<th>${figureTitles[f]}</th>`)}</tr></thead>
<tbody>${variants.flatMap(({ label, results }) =>
    measuredPhases(results).map(
      (phase) =>
        html`<tr><td>${label}${results.complete ? '' : html` <small class="fail">(incomplete)</small>`}</td><td class="text">${phaseLabel(phase)}</td>${comparedFigures.map((f) => html`<td>${formatFigure(f, figureOf(phase, f))}</td>`)}</tr>`,
    ),
  )}</tbody>
</table>`;
}

/** Each variant's figures as ratios to the first variant's in the same phase (`–` when either has none, the base is 0, or the load differs). */
export function ratioTable(rows: readonly PhaseRatioRow[]): Html {
  return html`<table class="ratios">
<thead><tr><th>Variant</th><th>Phase</th>${comparedFigures.map((f) => html`<th>${figureTitles[f]}</th>`)}</tr></thead>
<tbody>${rows.map(
    (row) =>
      html`<tr data-phase="${row.phase}"><td>${row.label}</td><td class="text">${phaseLabel({ name: row.phase, kind: row.kind, targetRate: row.targetRate })}</td>${comparedFigures.map((f) => {
        const ratio = row.ratios[f];
        return html`<td data-figure="${f}">${formatRatio(ratio)}${ratio === null ? '' : html`<br><small>${formatChange(ratio)}</small>`}</td>`;
      })}</tr>`,
  )}</tbody>
</table>`;
}

/** The gate's verdict per statistic, or the reason it gave none. */
export function gateSection(outcome: GateOutcome, baselineLabel: string, currentLabel: string): Html {
  const heading = html`<h2>Regression gate</h2>
<p class="caption">${currentLabel} against baseline ${baselineLabel}: the runs' own percentiles, throughput, error rate and dropped share, with block-bootstrap confidence intervals of the change.</p>`;
  if ('unavailable' in outcome) {
    return html`${heading}<p class="warn">The regression gate cannot compare these runs: ${outcome.unavailable}</p>`;
  }
  const { verdict } = outcome;
  const confidence = formatPercent(verdict.confidence);
  return html`${heading}
<p><span class="badge ${verdict.passed ? 'pass' : 'fail'}">${verdict.passed ? 'passed' : 'failed'}</span> margins ${formatPercent(verdict.maxRegression)} (latency, throughput) and ${formatPoints(verdict.maxErrorIncrease)} (error rate, dropped share)</p>
<table class="gate">
<thead><tr><th>Statistic</th><th>Baseline</th><th>Current</th><th>Change</th><th>${confidence} CI</th><th>Samples</th><th>Finding</th></tr></thead>
<tbody>${verdict.statistics.map(
    (s) =>
      html`<tr><td>${s.name}</td><td>${s.baseline === null ? '–' : formatGateValue(s, s.baseline)}</td><td>${s.current === null ? '–' : formatGateValue(s, s.current)}</td><td>${s.estimate === null ? '–' : formatGateChange(s, s.estimate)}</td><td>${s.ciLow === null || s.ciHigh === null ? '–' : `${formatGateChange(s, s.ciLow)} … ${formatGateChange(s, s.ciHigh)}`}</td><td>${s.samples.baseline} / ${s.samples.current}</td><td class="text ${s.regressed ? 'fail' : ''}">${findingOf(s)}</td></tr>`,
  )}</tbody>
</table>
<p class="caption">${verdict.lines.find((line) => line.startsWith('method: ')) ?? ''}</p>`;
}
