// The comparison report's decision tables: each model's accuracy on the MNIST test split and its
// agreement with the first, and the cost of a million predictions on each variant.

import { formatPercent, formatRate } from '../../harness/gate/figureFormat.ts';
import { html, type Html } from '../html.ts';
import type { VariantQuality } from './modelQuality.ts';
import type { VariantCost } from './predictionCost.ts';
import { formatRatio } from './comparisonTables.ts';
import { ratioOf } from './phaseComparison.ts';

/** Money with four significant digits: `$0.01234`, `$12.35`. */
export function formatUsd(value: number): string {
  return `$${Number(value.toPrecision(4))}`;
}

/** Accuracy and agreement per variant, or why a variant's model could not be measured. */
export function qualitySection(quality: readonly VariantQuality[]): Html {
  const first = quality[0]?.label ?? '';
  const rows = quality.find((q) => 'rows' in q && q.rows > 0);
  return html`<h2>Model quality</h2>
<p class="caption">Each variant's model file run in ONNX Runtime over ${rows !== undefined && 'rows' in rows ? rows.rows.toLocaleString('en-US') : 'the'} digits of the MNIST test split: the share classified correctly, and the share on which it predicts the same digit as ${first}'s model.</p>
<table class="quality">
<thead><tr><th>Variant</th><th>Model</th><th>Version</th><th>Accuracy</th><th>Agreement with ${first}</th></tr></thead>
<tbody>${quality.map((q) =>
    'unavailable' in q
      ? html`<tr><td>${q.label}</td><td class="text" colspan="4">not measured: ${q.unavailable}</td></tr>`
      : html`<tr><td>${q.label}</td><td class="text">${q.model}</td><td class="text">${q.version}</td><td data-figure="accuracy">${formatPercent(q.accuracy)}</td><td data-figure="agreement">${q.agreement === null ? '–' : formatPercent(q.agreement)}</td></tr>`,
  )}</tbody>
</table>`;
}

/** Cost per million predictions per variant, and its ratio to the first variant's. */
export function costSection(costs: readonly VariantCost[], pricePerReplicaHour: number): Html {
  const base = costs[0]?.costPerMillion ?? null;
  return html`<h2>Cost per million predictions</h2>
<p class="caption">At ${formatUsd(pricePerReplicaHour)} per replica-hour, with every replica kept busy at the highest throughput a non-warm-up phase of the run sustained (its demonstrated capacity): price × replicas ÷ predictions per hour × 1,000,000.</p>
<table class="cost">
<thead><tr><th>Variant</th><th>Replicas</th><th>Busiest phase</th><th>Throughput</th><th>Predictions/s</th><th>Cost per 1M</th><th>Ratio</th></tr></thead>
<tbody>${costs.map(
    (c) =>
      html`<tr><td>${c.label}</td><td>${c.replicas}</td><td class="text">${c.phase ?? '–'}</td><td>${formatRate(c.throughput)}</td><td>${formatRate(c.predictionsPerSecond)}</td><td data-figure="cost">${c.costPerMillion === null ? '–' : formatUsd(c.costPerMillion)}</td><td>${formatRatio(ratioOf(c.costPerMillion, base))}</td></tr>`,
  )}</tbody>
</table>`;
}
