// The comparison report's decision tables: the verdict with each variant's throughput, latency, quality and
// cost side by side, each model's outputs against the first variant's (agreement, accuracy, error), and the
// cost of a million predictions on each variant.

import { formatMs, formatPercent, formatRate } from '../../harness/gate/figureFormat.ts';
import { html, type Html } from '../html.ts';
import type { ComparisonResults, ModelQuality, VariantCost } from '../../harness/results/comparisonResults.ts';
import { formatRatio } from './comparisonTables.ts';
import { figureOf, headlinePhases, measuredPhases, ratioOf } from '../../harness/compare/phaseComparison.ts';

/** Money with four significant digits: `$0.01234`, `$12.35`. */
export function formatUsd(value: number): string {
  return `$${Number(value.toPrecision(4))}`;
}

const share = (value: number | null) => (value === null ? '–' : formatPercent(value));
const significant = (value: number | null) => (value === null ? '–' : String(Number(value.toPrecision(4))));

/** A variant's quality in one cell: its worst output's top-1 agreement, else its lowest cosine; `same model` without quality. */
function qualityCell(quality: ModelQuality | null, label: string): Html {
  if (quality === null) return html`<td class="text">same model file</td>`;
  const own = quality.variants.find((v) => v.label === label);
  if (own === undefined || 'unavailable' in own) return html`<td class="text">not measured</td>`;
  const classes = own.outputs.flatMap((o) => (o.kind === 'classes' ? [o.agreement] : []));
  const cosines = own.outputs.flatMap((o) => (o.kind === 'values' ? [o.cosine] : []));
  const text = classes.length > 0 ? `${formatPercent(Math.min(...classes))} top-1 agreement` : cosines.length > 0 ? `cosine ${Math.min(...cosines).toFixed(4)}` : '–';
  return html`<td class="text ${own.meetsBar ? 'pass' : 'fail'}" data-figure="quality">${text}</td>`;
}

/** The verdict, then each variant's throughput per replica, p99 at equal offered load, quality and cost in one row. */
export function verdictSection(comparison: ComparisonResults): Html {
  const { variants, costs, quality, recommendation } = comparison;
  const equalLoad = variants[0] === undefined ? undefined : headlinePhases(variants[0].results).equalLoad;
  const p99Of = (i: number) => {
    const phase = equalLoad === undefined ? undefined : measuredPhases(variants[i]!.results).find((p) => p.name === equalLoad.name && p.kind === equalLoad.kind && p.targetRate === equalLoad.targetRate);
    return phase === undefined ? null : figureOf(phase, 'p99');
  };
  const perReplica = (c: VariantCost | undefined) => (c === undefined ? 0 : c.predictionsPerSecond / c.replicas);
  const base = perReplica(costs[0]);
  return html`<p class="verdict">Ship <strong>${recommendation.ship}</strong>: ${recommendation.reason}.</p>
<table class="summary">
<thead><tr><th>Variant</th><th>Predictions/s per replica</th><th>Ratio</th><th>p99${equalLoad === undefined ? '' : ` at ${formatRate(equalLoad.targetRate!)}`}</th><th>Quality against ${variants[0]?.label ?? ''}</th><th>Cost per 1M</th><th></th></tr></thead>
<tbody>${variants.map((v, i) => {
    const p99 = p99Of(i);
    const cost = costs[i];
    return html`<tr><td>${v.label}</td><td>${formatRate(perReplica(cost))}</td><td>${formatRatio(ratioOf(perReplica(cost), base))}</td><td>${p99 === null ? '–' : formatMs(p99)}</td>${qualityCell(quality, v.label)}<td>${cost?.costPerMillion === null || cost === undefined ? '–' : formatUsd(cost.costPerMillion)}</td><td class="text">${v.label === recommendation.ship ? html`<span class="badge pass">ship</span>` : ''}</td></tr>`;
  })}</tbody>
</table>`;
}

/** Each variant's outputs against the first variant's on the same inputs, or why a variant's model could not be run. */
export function qualitySection(quality: ModelQuality): Html {
  const first = quality.variants[0]?.label ?? '';
  const { minAgreement, minCosine } = quality.bar;
  return html`<h2>Model quality</h2>
<p class="caption">Each variant's model file run in ONNX Runtime on ${quality.inputs.description}, each output against ${first}'s on the same inputs: for class scores the share of rows whose top class is the same (top-1 agreement) and, with labels, the share classified correctly; for other outputs the largest absolute difference, the mean relative difference and the cosine similarity. The bar to ship: top-1 agreement ${formatPercent(minAgreement)} or more, cosine ${minCosine} or more.</p>
<table class="quality">
<thead><tr><th>Variant</th><th>Model</th><th>Version</th><th>Output</th><th>Top-1 agreement</th><th>Accuracy</th><th>Max abs error</th><th>Mean rel error</th><th>Cosine</th><th>Bar</th></tr></thead>
<tbody>${quality.variants.map((q) =>
    'unavailable' in q
      ? html`<tr><td>${q.label}</td><td class="text" colspan="9">not measured: ${q.unavailable}</td></tr>`
      : q.outputs.map(
          (o) =>
            html`<tr data-output="${o.output}"><td>${q.label}</td><td class="text">${q.model}</td><td class="text">${q.version ?? 'default'}</td><td class="text">${o.output}</td>${
              o.kind === 'classes'
                ? html`<td data-figure="agreement">${share(o.agreement)}</td><td data-figure="accuracy">${share(o.accuracy)}</td><td>–</td><td>–</td><td>–</td>`
                : html`<td>–</td><td>–</td><td data-figure="maxAbsError">${significant(o.maxAbsError)}</td><td data-figure="meanRelError">${o.meanRelError === null ? '–' : formatPercent(o.meanRelError)}</td><td data-figure="cosine">${o.cosine.toFixed(6)}</td>`
            }<td class="${q.meetsBar ? 'pass' : 'fail'}">${q.meetsBar ? 'meets' : 'below'}</td></tr>`,
        ),
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
