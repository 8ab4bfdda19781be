// The fidelity report's charts, second by second on the replay's time axis: the trace's arrivals with the
// real and simulated throughput, and the real and simulated p95 (rejections too when either side had any).

import type { FidelityFigures, FidelityResults } from '../../harness/fidelity/fidelityResults.ts';
import { chartConfig, type ReportChart } from '../reportChart.ts';

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';
const colors = { arrivals: '#9ea3b5', real: '#1f5fa8', simulated: '#e07b1a' } as const;

type Row = { time: number; series: string; value: number };

function rowsOf(results: FidelityResults, pick: (f: FidelityFigures) => number | null, withArrivals: boolean): Row[] {
  const rows: Row[] = [];
  for (const second of results.seconds) {
    if (withArrivals) rows.push({ time: second.t, series: 'arrivals', value: second.arrivals });
    const real = pick(second.real);
    const simulated = pick(second.simulated);
    if (real !== null) rows.push({ time: second.t, series: 'real', value: real });
    if (simulated !== null) rows.push({ time: second.t, series: 'simulated', value: simulated });
  }
  return rows;
}

function lineChart(name: string, title: string, caption: string, yTitle: string, rows: Row[]): ReportChart {
  const order = [...new Set(rows.map((row) => row.series))];
  return {
    name,
    title,
    caption,
    data: { values: rows },
    spec: (source) => ({
      $schema: schema,
      ...chartConfig,
      data: source('values'),
      mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-after' },
      encoding: {
        x: { field: 'time', type: 'quantitative', title: 'Seconds since the replay started' },
        y: { field: 'value', type: 'quantitative', title: yTitle },
        color: { field: 'series', type: 'nominal', title: null, sort: order, scale: { domain: order, range: order.map((s) => colors[s as keyof typeof colors]) } },
        tooltip: [
          { field: 'series', type: 'nominal' },
          { field: 'time', type: 'quantitative', title: 'second' },
          { field: 'value', type: 'quantitative', format: '.3~f' },
        ],
      },
    }),
  };
}

export function fidelityCharts(results: FidelityResults): ReportChart[] {
  const charts = [
    lineChart(
      'throughput',
      'Throughput, real and simulated',
      'Requests due in each second (grey), successful answers of the real fleet (blue) and requests the simulator served (orange), by second of completion.',
      'Requests per second',
      rowsOf(results, (f) => f.throughput, true),
    ),
    lineChart('p95', 'p95 latency, real and simulated', 'The 95th percentile of the served requests completed in each second, from their intended send time.', 'p95 (ms)', rowsOf(results, (f) => f.p95, false)),
  ];
  if (results.totals.real.rejected > 0 || results.totals.simulated.rejected > 0) {
    charts.push(lineChart('rejected', 'Rejected, real and simulated', 'Real: 429 and 503 answers; simulated: requests past the queue limit.', 'Rejected per second', rowsOf(results, (f) => f.rejected, false)));
  }
  return charts;
}
