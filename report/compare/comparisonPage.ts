// The comparison report as one self-contained HTML document: which variant to ship and why, figures and
// ratios against the first variant phase by phase, the overlaid charts as inline SVG, for two variants the regression gate's verdict, and the
// decision tables: model quality (for model comparisons) and cost per million predictions.

import { html } from '../html.ts';
import { chartSection, htmlDocument, type RenderedChart } from '../run/reportPage.ts';
import type { ComparisonResults } from '../../harness/results/comparisonResults.ts';
import { figuresTable, gateSection, ratioTable } from './comparisonTables.ts';
import { costSection, qualitySection, verdictSection } from './decisionTables.ts';

/** The comparison page, rendered from the comparison's results alone. */
export function comparisonReportPage(comparison: ComparisonResults, charts: readonly RenderedChart[]): string {
  const variants = comparison.variants;
  const labels = variants.map((v) => v.label);
  const body = html`<header>
<h1>Comparison: ${labels.join(' vs ')}</h1>
<p class="meta">${variants.length} variants · ratios against ${labels[0] ?? ''} · ${comparison.headline}</p>
</header>
${verdictSection(comparison)}
<h2>Figures per phase</h2>
${figuresTable(variants)}
<h2>Ratios against ${labels[0] ?? ''}</h2>
<p class="caption">Each variant's figure divided by the first variant's in the same phase (warm-up excluded): a ratio holds only under the same load, so phases are never blended; – when either has none, the first is 0, or the phase's load differs.</p>
${ratioTable(comparison.ratios)}
${comparison.gate === null ? '' : gateSection(comparison.gate, labels[0]!, labels[1]!)}
${comparison.quality === null ? '' : qualitySection(comparison.quality)}
${costSection(comparison.costs, comparison.pricePerReplicaHour)}
${charts.map(chartSection)}`;
  return htmlDocument(`infercap comparison: ${labels.join(' vs ')}`, body);
}
