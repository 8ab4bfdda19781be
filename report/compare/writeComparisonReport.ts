// Writes the comparison report of several runs: outDir/index.html and outDir/charts/<chart>.vl.json
// + .data.json, as the run report does.

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResults } from '../../harness/results/runResults.ts';
import { writeCharts } from '../writeCharts.ts';
import { uniqueNames } from '../writeReport.ts';
import { comparisonCharts, type ComparisonVariant } from './comparisonCharts.ts';
import { comparisonReportPage } from './comparisonPage.ts';
import { gateOutcome } from './comparisonTables.ts';
import { modelQuality, type ModelQualityOptions } from './modelQuality.ts';
import { defaultPricePerReplicaHour, variantCosts } from './predictionCost.ts';

export interface ComparisonReportOptions extends ModelQualityOptions {
  /** Price of one replica for an hour, for the cost per million predictions; `defaultPricePerReplicaHour` when absent. */
  readonly pricePerReplicaHour?: number;
  /** Replicas behind each run's target, for its cost, when the results do not say (a URL target). */
  readonly replicas?: number;
  /** false skips measuring the models' accuracy even when the variants served different models. */
  readonly evaluateModels?: boolean;
}

/**
 * Writes the comparison of `results` (the first is the reference the ratios are taken against) into
 * `outDir` (created if needed); returns its index.html. Repeated labels are made unique (`a`, `a-2`).
 * With exactly two variants the page also shows the regression gate's verdict of the second against
 * the first, or why the gate could not judge them. When the variants served different model files, each
 * file is run over the MNIST test split for its accuracy and agreement (see `modelQuality`).
 */
export async function writeComparisonReport(
  results: readonly { label: string; results: RunResults }[],
  outDir: string,
  options: ComparisonReportOptions = {},
): Promise<string> {
  if (results.length === 0) throw new Error('a comparison needs at least one variant');
  const labels = uniqueNames(results.map((r) => r.label));
  const variants: ComparisonVariant[] = results.map((r, i) => ({ label: labels[i]!, results: r.results }));
  const gate = variants.length === 2 ? gateOutcome(variants[0]!.results, variants[1]!.results) : undefined;
  const pricePerReplicaHour = options.pricePerReplicaHour ?? defaultPricePerReplicaHour;
  const quality = options.evaluateModels === false ? undefined : await modelQuality(variants, options);
  const decision = { quality, costs: variantCosts(variants, pricePerReplicaHour, options.replicas), pricePerReplicaHour };
  const rendered = await writeCharts(comparisonCharts(variants), outDir);
  const page = join(outDir, 'index.html');
  await writeFile(page, comparisonReportPage(variants, rendered, gate, decision));
  return page;
}
