// Which charts a run report shows, in order; the error charts only when a request failed.

import type { RunResults } from '../../harness/results/runResults.ts';
import { errorsByKindChart, errorsOverTimeChart, hasErrors } from './charts/errorsOverTime.ts';
import { latencyDistributionChart } from './charts/latencyDistribution.ts';
import { latencyOverTimeChart } from './charts/latencyOverTime.ts';
import { rateOverTimeChart } from './charts/rateOverTime.ts';
import type { ReportChart } from '../reportChart.ts';

export function runCharts(results: RunResults): ReportChart[] {
  const { phases } = results;
  return [
    latencyOverTimeChart(phases),
    rateOverTimeChart(phases),
    latencyDistributionChart(phases),
    ...(hasErrors(phases) ? [errorsOverTimeChart(phases), errorsByKindChart(phases)] : []),
  ];
}
