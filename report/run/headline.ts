// The numbers a reader wants first: throughput, latency percentiles, error rate and whether the
// thresholds passed, as cards.

import { formatMs, formatPercent, formatRate } from '../../harness/gate/figureFormat.ts';
import type { ThresholdOutcome } from '../../harness/gate/thresholdOutcome.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import { html, type Html } from '../html.ts';

/** One headline card. `tone` colours it: pass green, fail red. */
export interface HeadlineFigure {
  readonly label: string;
  readonly value: string;
  readonly tone?: 'pass' | 'fail';
}

const orDash = (value: number | null, format: (value: number) => string): string => (value === null ? '–' : format(value));

/** The headline figures of `results` (its overall, non-warm-up statistics). */
export function headlineFigures(results: RunResults, thresholds: readonly ThresholdOutcome[]): HeadlineFigure[] {
  const { overall } = results;
  const figures: HeadlineFigure[] = [
    { label: 'Throughput', value: formatRate(overall.throughput) },
    { label: 'p50', value: orDash(overall.latency.p50, formatMs) },
    { label: 'p95', value: orDash(overall.latency.p95, formatMs) },
    { label: 'p99', value: orDash(overall.latency.p99, formatMs) },
    { label: 'Error rate', value: orDash(overall.errorRate, formatPercent), ...(overall.errorRate === null ? {} : { tone: overall.errorRate > 0 ? 'fail' : 'pass' }) },
  ];
  // Drops are errors already; their own card says how many of them were never sent (the load generator,
  // not the target, ran out of connections), which the error rate alone does not tell.
  const due = overall.counts.sent + overall.counts.dropped;
  if (overall.counts.dropped > 0) figures.push({ label: 'Dropped', value: `${overall.counts.dropped} (${formatPercent(overall.counts.dropped / due)})`, tone: 'fail' });
  if (thresholds.length > 0) {
    const passed = thresholds.filter((outcome) => outcome.passed).length;
    figures.push({ label: 'Thresholds', value: `${passed} of ${thresholds.length} passed`, tone: passed === thresholds.length ? 'pass' : 'fail' });
  }
  return figures;
}

export function headlineCards(figures: readonly HeadlineFigure[]): Html {
  return html`<section class="cards">${figures.map(
    (figure) => html`<div class="card${figure.tone === undefined ? '' : ` ${figure.tone}`}"><div class="label">${figure.label}</div><div class="value">${figure.value}</div></div>`,
  )}</section>`;
}
