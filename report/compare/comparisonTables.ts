// The comparison report's tables: each variant's overall figures, their ratios against the first
// variant, and (for two variants) the regression gate's verdict per statistic.

import { isInfercapError, ExitCode } from '../../common/errors.ts';
import { formatChange, formatMs, formatPercent, formatRate } from '../../harness/gate/figureFormat.ts';
import { findingOf, regressionGate, type GateVerdict, type RegressionGateOptions } from '../../harness/gate/regressionGate.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import { html, type Html } from '../html.ts';
import type { ComparisonVariant } from './comparisonCharts.ts';

/** The overall figures compared, in table order. */
export const comparedFigures = ['throughput', 'p50', 'p95', 'p99', 'errorRate'] as const;
export type ComparedFigure = (typeof comparedFigures)[number];

const figureTitles: Record<ComparedFigure, string> = { throughput: 'Throughput', p50: 'p50', p95: 'p95', p99: 'p99', errorRate: 'Error rate' };

/** A run's overall value of `figure`; null when the run has none (no latency sample, nothing sent). */
export function figureOf(results: RunResults, figure: ComparedFigure): number | null {
  const { overall } = results;
  switch (figure) {
    case 'throughput':
      return overall.throughput;
    case 'errorRate':
      return overall.errorRate;
    default:
      return overall.latency[figure];
  }
}

function formatFigure(figure: ComparedFigure, value: number | null): string {
  if (value === null) return '–';
  if (figure === 'throughput') return formatRate(value);
  if (figure === 'errorRate') return formatPercent(value);
  return formatMs(value);
}

/** value / base; null when either is missing or the base is 0 (no ratio to speak of). */
export function ratioOf(value: number | null, base: number | null): number | null {
  if (value === null || base === null || base === 0) return null;
  return value / base;
}

/** Per variant, the ratio of each figure to the first variant's. */
export function comparisonRatios(variants: readonly ComparisonVariant[]): { label: string; ratios: Record<ComparedFigure, number | null> }[] {
  const first = variants[0];
  return variants.map(({ label, results }) => ({
    label,
    ratios: Object.fromEntries(
      comparedFigures.map((figure) => [figure, first === undefined ? null : ratioOf(figureOf(results, figure), figureOf(first.results, figure))]),
    ) as Record<ComparedFigure, number | null>,
  }));
}

/** A ratio as the page writes it: `1.234×`, to three decimals. */
export function formatRatio(ratio: number | null): string {
  return ratio === null ? '–' : `${ratio.toFixed(3)}×`;
}

/** Each variant's overall figures. */
export function figuresTable(variants: readonly ComparisonVariant[]): Html {
  return html`<table class="figures">
<thead><tr><th>Variant</th><th>Scenario</th>${comparedFigures.map((f) => html`<th>${figureTitles[f]}</th>`)}</tr></thead>
<tbody>${variants.map(
    ({ label, results }) =>
      html`<tr><td>${label}</td><td class="text">${results.scenario.name}${results.complete ? '' : html` <small class="fail">(incomplete)</small>`}</td>${comparedFigures.map((f) => html`<td>${formatFigure(f, figureOf(results, f))}</td>`)}</tr>`,
  )}</tbody>
</table>`;
}

/** Each variant's figures as ratios to the first variant's (`–` when either side has none or the base is 0). */
export function ratioTable(variants: readonly ComparisonVariant[]): Html {
  return html`<table class="ratios">
<thead><tr><th>Variant</th>${comparedFigures.map((f) => html`<th>${figureTitles[f]}</th>`)}</tr></thead>
<tbody>${comparisonRatios(variants).map(
    ({ label, ratios }) =>
      html`<tr><td>${label}</td>${comparedFigures.map((f) => {
        const ratio = ratios[f];
        return html`<td data-figure="${f}">${formatRatio(ratio)}${ratio === null ? '' : html`<br><small>${formatChange(ratio)}</small>`}</td>`;
      })}</tr>`,
  )}</tbody>
</table>`;
}

/** The gate's verdict, or why it could not judge (a usage error: too few intervals, different phases...). */
export type GateOutcome = { readonly verdict: GateVerdict } | { readonly unavailable: string };

/** Runs the regression gate of `current` against `baseline`; its exit-2 errors become a reason instead of a failure. */
export function gateOutcome(baseline: RunResults, current: RunResults, options?: RegressionGateOptions): GateOutcome {
  try {
    return { verdict: regressionGate(baseline, current, options) };
  } catch (error) {
    if (isInfercapError(error) && error.exitCode === ExitCode.badUsage) return { unavailable: error.message };
    throw error;
  }
}

const statisticFormat = (name: string) => (name === 'throughput' ? formatRate : formatMs);

/** The gate's verdict per statistic, or the reason it gave none. */
export function gateSection(outcome: GateOutcome, baselineLabel: string, currentLabel: string): Html {
  const heading = html`<h2>Regression gate</h2>
<p class="caption">${currentLabel} against baseline ${baselineLabel}: medians over 1-second intervals, bootstrap confidence intervals of the ratio.</p>`;
  if ('unavailable' in outcome) {
    return html`${heading}<p class="warn">The regression gate cannot compare these runs: ${outcome.unavailable}</p>`;
  }
  const { verdict } = outcome;
  const confidence = formatPercent(verdict.confidence);
  return html`${heading}
<p><span class="badge ${verdict.passed ? 'pass' : 'fail'}">${verdict.passed ? 'passed' : 'failed'}</span> margin ${formatPercent(verdict.maxRegression)}</p>
<table class="gate">
<thead><tr><th>Statistic</th><th>Baseline</th><th>Current</th><th>Change</th><th>${confidence} CI</th><th>Intervals</th><th>Finding</th></tr></thead>
<tbody>${verdict.statistics.map((s) => {
    const format = statisticFormat(s.name);
    return html`<tr><td>${s.name}</td><td>${format(s.baseline)}</td><td>${s.current === null ? '–' : format(s.current)}</td><td>${s.ratio === null ? '–' : formatChange(s.ratio)}</td><td>${s.ciLow === null || s.ciHigh === null ? '–' : `${formatChange(s.ciLow)} … ${formatChange(s.ciHigh)}`}</td><td>${s.intervals.baseline} / ${s.intervals.current}</td><td class="text ${s.regressed ? 'fail' : ''}">${findingOf(s, verdict.maxRegression)}</td></tr>`;
  })}</tbody>
</table>`;
}
