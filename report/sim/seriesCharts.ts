// The time charts of the simulation and capacity-plan reports: load with ready and desired replicas,
// latency percentiles against the SLO line, rejected requests and cost so far, one line per policy.

import { formatMs } from '../../harness/gate/figureFormat.ts';
import type { Series, Slo } from '../../simulator/simulate/simulationResults.ts';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { UnitSpec } from 'vega-lite/types_unstable/spec/unit.js';
import { chartConfig, type ReportChart } from '../reportChart.ts';
import { quantityRows, type TimeUnit } from './seriesRows.ts';

/** One policy's series, labelled as the page names it (e.g. "recommended", "fixed fleet (14)"). */
export interface LabelledSeries {
  readonly label: string;
  readonly series: Series;
}

const sloColor = '#c62828';
const timeAxis = (unit: TimeUnit) => ({ field: 'time', type: 'quantitative' as const, title: `Time since the trace started (${unit.name})` });
const schema = 'https://vega.github.io/schema/vega-lite/v6.json';

const lineOf = (unit: TimeUnit, title: string, order: readonly string[], interpolate: 'linear' | 'step-after' = 'linear', logScale = false): Pick<UnitSpec<Field>, 'mark' | 'encoding'> => ({
    mark: { type: 'line', strokeWidth: 1.5, interpolate },
    encoding: {
      x: timeAxis(unit),
      y: { field: 'value', type: 'quantitative', title, ...(logScale ? { scale: { type: 'log' } } : {}) },
      color: { field: 'series', type: 'nominal', title: null, sort: [...order], legend: { labelLimit: 320 } },
      tooltip: [
        { field: 'series', type: 'nominal' },
        { field: 'time', type: 'quantitative', title: `time (${unit.name})` },
        { field: 'value', type: 'quantitative', format: '.3~f' },
      ],
    },
  });

export function loadReplicasChart(runs: readonly LabelledSeries[], unit: TimeUnit): ReportChart {
  const replicaQuantities = (label: string) => [
    { key: 'readyReplicas' as const, name: runs.length === 1 ? 'ready replicas' : `${label}: ready` },
    { key: 'desiredReplicas' as const, name: runs.length === 1 ? 'desired replicas' : `${label}: desired` },
  ];
  const replicas = runs.flatMap(({ label, series }) => quantityRows(series, unit, replicaQuantities(label)));
  const order = runs.flatMap(({ label }) => replicaQuantities(label).map((q) => q.name));
  return {
    name: 'load-and-replicas',
    title: 'Load and replicas',
    caption: 'The trace\'s arrival rate (grey area, left axis) and the replicas the policy wanted and had ready (lines, right axis): ready lags desired by the pods\' start-up time.',
    data: { load: quantityRows(runs[0]!.series, unit, [{ key: 'load', name: 'load' }]), replicas },
    spec: (source) => ({
      $schema: schema,
      ...chartConfig,
      layer: [
        {
          data: source('load'),
          mark: { type: 'area', color: '#c9cbd6', opacity: 0.7, interpolate: 'step-after' },
          encoding: { x: timeAxis(unit), y: { field: 'value', type: 'quantitative', title: 'Load (req/s)' } },
        },
        { data: source('replicas'), ...lineOf(unit, 'Replicas', order, 'step-after') },
      ],
      resolve: { scale: { y: 'independent' } },
    }),
  };
}

export function latencySloChart(runs: readonly LabelledSeries[], slo: Slo, unit: TimeUnit): ReportChart {
  const named = (label: string, percentile: string) => (runs.length === 1 ? percentile : `${label}: ${percentile}`);
  const rows = runs.flatMap(({ label, series }, i) =>
    quantityRows(series, unit, (i === 0 ? (['p50', 'p95', 'p99'] as const) : [slo.percentile]).map((key) => ({ key, name: named(label, key) }))),
  ).filter((row) => row.value > 0);
  const order = [...new Set(rows.map((row) => row.series))];
  return {
    name: 'latency-vs-slo',
    title: 'Latency against the SLO',
    caption: `Latency percentiles of each step (the worst second in it), on a log scale; the red line is the SLO bound, ${slo.text} for ${(slo.objective * 100).toFixed(4).replace(/\.?0+$/, '')} % of requests.`,
    data: { latency: rows, slo: [{ ms: slo.thresholdMs, label: `SLO ${slo.percentile} < ${formatMs(slo.thresholdMs)}` }] },
    spec: (source) => ({
      $schema: schema,
      ...chartConfig,
      layer: [
        { data: source('latency'), ...lineOf(unit, 'Latency (ms)', order, 'linear', true) },
        { data: source('slo'), mark: { type: 'rule', color: sloColor, strokeDash: [6, 4], strokeWidth: 1.4 }, encoding: { y: { field: 'ms', type: 'quantitative' } } },
        {
          data: source('slo'),
          mark: { type: 'text', align: 'left', baseline: 'bottom', x: 4, dy: -3, fontSize: 11, color: sloColor },
          encoding: { y: { field: 'ms', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
        },
      ],
    }),
  };
}

export function rejectedChart(runs: readonly LabelledSeries[], unit: TimeUnit): ReportChart {
  const rows = runs.flatMap(({ label, series }) => quantityRows(series, unit, [{ key: 'rejected', name: runs.length === 1 ? 'rejected' : label }]));
  return {
    name: 'rejected',
    title: 'Rejected requests',
    caption: 'Requests refused per second (queues full) in each step: load the fleet could not take.',
    data: { rejected: rows },
    spec: (source) => ({ $schema: schema, ...chartConfig, height: 180, data: source('rejected'), ...lineOf(unit, 'Rejected (req/s)', runs.map((r) => (runs.length === 1 ? 'rejected' : r.label))) }),
  };
}

export function costChart(runs: readonly LabelledSeries[], unit: TimeUnit, currency: string): ReportChart {
  const rows = runs.flatMap(({ label, series }) => quantityRows(series, unit, [{ key: 'costSoFar', name: runs.length === 1 ? 'cost' : label }]));
  return {
    name: 'cost-over-time',
    title: 'Cost over time',
    caption: `What the replicas have cost since the trace started (${currency}), every pod billed from its creation to its deletion.`,
    data: { cost: rows },
    spec: (source) => ({ $schema: schema, ...chartConfig, height: 200, data: source('cost'), ...lineOf(unit, `Cost so far (${currency})`, runs.map((r) => (runs.length === 1 ? 'cost' : r.label))) }),
  };
}
