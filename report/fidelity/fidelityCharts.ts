// The fidelity report's charts, second by second on the replay's time axis: the trace's arrivals with the
// real and simulated throughput, and the real and simulated p95 (rejections too when either side had any).

import type { FidelityFigures, FidelityResults } from '../../harness/fidelity/fidelityResults.ts';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { UnitSpec } from 'vega-lite/types_unstable/spec/unit.js';
import { chartConfig, type ReportChart } from '../reportChart.ts';

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';
const colors = { arrivals: '#c9cbd6', real: '#1f5fa8', simulated: '#e07b1a' } as const;

type Row = { time: number; series: string; value: number };

/** Real and simulated values of one figure, second by second (a second without one has no point). */
function rowsOf(results: FidelityResults, pick: (f: FidelityFigures) => number | null): Row[] {
  const rows: Row[] = [];
  for (const second of results.seconds) {
    const real = pick(second.real);
    const simulated = pick(second.simulated);
    if (real !== null) rows.push({ time: second.t, series: 'real', value: real });
    if (simulated !== null) rows.push({ time: second.t, series: 'simulated', value: simulated });
  }
  return rows;
}

const timeAxis = { field: 'time', type: 'quantitative', title: 'Seconds since the replay started' } as const;

function lines(yTitle: string): Omit<UnitSpec<Field>, 'data'> {
  const order = ['real', 'simulated'];
  return {
    mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-after' },
    encoding: {
      x: timeAxis,
      y: { field: 'value', type: 'quantitative', title: yTitle },
      color: { field: 'series', type: 'nominal', title: null, sort: order, scale: { domain: order, range: [colors.real, colors.simulated] } },
      tooltip: [
        { field: 'series', type: 'nominal' },
        { field: 'time', type: 'quantitative', title: 'second' },
        { field: 'value', type: 'quantitative', format: '.3~f' },
      ],
    },
  };
}

function lineChart(name: string, title: string, caption: string, yTitle: string, rows: Row[]): ReportChart {
  return { name, title, caption, data: { values: rows }, spec: (source) => ({ $schema: schema, ...chartConfig, data: source('values'), ...lines(yTitle) }) };
}

/** Throughput over the arrivals: the requests due each second as a grey area behind the two lines. */
function throughputChart(results: FidelityResults): ReportChart {
  return {
    name: 'throughput',
    title: 'Throughput, real and simulated',
    caption: 'Requests due in each second (grey area), successful answers of the real fleet by second of completion (blue) and requests the simulator served (orange).',
    data: { arrivals: results.seconds.map((second) => ({ time: second.t, value: second.arrivals })), values: rowsOf(results, (f) => f.throughput) },
    spec: (source) => ({
      $schema: schema,
      ...chartConfig,
      layer: [
        { data: source('arrivals'), mark: { type: 'area', color: colors.arrivals, opacity: 0.5, interpolate: 'step-after' }, encoding: { x: timeAxis, y: { field: 'value', type: 'quantitative', title: 'Requests per second' } } },
        { data: source('values'), ...lines('Requests per second') },
      ],
    }),
  };
}

export function fidelityCharts(results: FidelityResults): ReportChart[] {
  const charts = [
    throughputChart(results),
    lineChart('p95', 'p95 latency, real and simulated', 'The 95th percentile of the served requests completed in each second, from their intended send time.', 'p95 (ms)', rowsOf(results, (f) => f.p95)),
  ];
  if (results.totals.real.rejected > 0 || results.totals.simulated.rejected > 0) {
    charts.push(lineChart('rejected', 'Rejected, real and simulated', 'Real: 429 and 503 answers; simulated: requests past the queue limit.', 'Rejected per second', rowsOf(results, (f) => f.rejected)));
  }
  return charts;
}
