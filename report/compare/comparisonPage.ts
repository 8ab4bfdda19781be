// The comparison report as one self-contained HTML document: figures and ratios against the first
// variant phase by phase, the overlaid charts as inline SVG, for two variants the regression gate's verdict, and the
// decision tables: model quality (for model comparisons) and cost per million predictions.

import { html } from '../html.ts';
import { chartSection, htmlDocument, type RenderedChart } from '../reportPage.ts';
import type { ComparisonVariant } from './comparisonCharts.ts';
import { figuresTable, gateSection, ratioTable, type GateOutcome } from './comparisonTables.ts';
import { costSection, qualitySection } from './decisionTables.ts';
import type { VariantQuality } from './modelQuality.ts';
import type { VariantCost } from './predictionCost.ts';

/** The decision tables below the ratios; `quality` only for a model comparison. */
export interface ComparisonDecision {
  readonly quality?: readonly VariantQuality[] | undefined;
  readonly costs: readonly VariantCost[];
  readonly pricePerReplicaHour: number;
}

/** The comparison page. `gate` is given only when exactly two variants are compared. */
export function comparisonReportPage(variants: readonly ComparisonVariant[], charts: readonly RenderedChart[], gate?: GateOutcome, decision?: ComparisonDecision): string {
  const labels = variants.map((v) => v.label);
  const body = html`<header>
<h1>Comparison: ${labels.join(' vs ')}</h1>
<p class="meta">${variants.length} variants · ratios against ${labels[0] ?? ''}</p>
</header>
<h2>Figures per phase</h2>
${figuresTable(variants)}
<h2>Ratios against ${labels[0] ?? ''}</h2>
<p class="caption">Each variant's figure divided by the first variant's in the same phase (warm-up excluded): a ratio holds only under the same load, so phases are never blended; – when either has none, the first is 0, or the phase's load differs.</p>
${ratioTable(variants)}
${gate === undefined ? '' : gateSection(gate, labels[0]!, labels[1]!)}
${decision?.quality === undefined ? '' : qualitySection(decision.quality)}
${decision === undefined ? '' : costSection(decision.costs, decision.pricePerReplicaHour)}
${charts.map(chartSection)}`;
  return htmlDocument(`infercap comparison: ${labels.join(' vs ')}`, body);
}
