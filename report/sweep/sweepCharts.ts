// The sweep report's charts: latency against throughput (p50, p95, p99 per level) with the p99 budget
// as a line and the knee circled, and the throughput of each level coloured by whether it met the budget.

import { formatMs } from '../../harness/gate/figureFormat.ts';
import { chartConfig, type ReportChart } from '../reportChart.ts';
import { curvePercentiles, curveRows, levelRows, type LatencyCurve } from './latencyCurve.ts';

const budgetColor = '#c62828';

const position = {
  x: { field: 'throughput', type: 'quantitative', title: 'Throughput (req/s)' },
  y: { field: 'ms', type: 'quantitative', title: 'Latency (ms)' },
} as const;

export function throughputLatencyChart(curve: LatencyCurve): ReportChart {
  const knee = curve.points.find((point) => point.level === curve.kneeLevel);
  return {
    name: 'throughput-latency',
    title: 'Throughput against latency',
    caption: `Each load level's throughput and latency percentiles, labelled with its level (${curve.levelUnit}); the dashed line is the p99 budget, the circle the knee: the highest sustainable level (throughput ≥ 99 % of offered, nothing dropped, p99 within the budget).`,
    data: {
      curve: curveRows(curve),
      budget: [{ ms: curve.p99BudgetMs, label: `p99 budget ${formatMs(curve.p99BudgetMs)}` }],
      knee: knee === undefined || knee.p99 === null ? [] : [{ level: knee.level, throughput: knee.throughput, ms: knee.p99, label: `knee: ${knee.level} ${curve.levelUnit}` }],
    },
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      layer: [
        {
          data: source('curve'),
          mark: { type: 'line', point: { size: 36 }, strokeWidth: 1.8 },
          encoding: {
            ...position,
            color: { field: 'percentile', type: 'nominal', title: 'Percentile', sort: [...curvePercentiles] },
            order: { field: 'level', type: 'quantitative' },
            tooltip: [
              { field: 'level', type: 'quantitative' },
              { field: 'percentile', type: 'nominal' },
              { field: 'throughput', type: 'quantitative', title: 'throughput (req/s)', format: '.1f' },
              { field: 'ms', type: 'quantitative', title: 'latency (ms)', format: '.3f' },
            ],
          },
        },
        {
          data: source('curve'),
          transform: [{ filter: "datum.percentile === 'p99'" }],
          mark: { type: 'text', dy: -9, fontSize: 10, color: '#55556a' },
          encoding: { ...position, text: { field: 'level', type: 'quantitative' } },
        },
        {
          data: source('budget'),
          mark: { type: 'rule', strokeDash: [6, 4], color: budgetColor, strokeWidth: 1.4 },
          encoding: { y: { field: 'ms', type: 'quantitative' } },
        },
        {
          data: source('budget'),
          mark: { type: 'text', align: 'left', baseline: 'bottom', x: 4, dy: -3, fontSize: 11, color: budgetColor },
          encoding: { y: { field: 'ms', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
        },
        {
          data: source('knee'),
          mark: { type: 'point', shape: 'circle', size: 420, strokeWidth: 2.2, color: budgetColor, filled: false },
          encoding: position,
        },
        {
          data: source('knee'),
          mark: { type: 'text', align: 'left', dx: 14, dy: 14, fontSize: 12, fontWeight: 'bold', color: budgetColor },
          encoding: { ...position, text: { field: 'label', type: 'nominal' } },
        },
      ],
    }),
  };
}

export function throughputByLevelChart(curve: LatencyCurve): ReportChart {
  return {
    name: 'throughput-by-level',
    title: 'Throughput by load level',
    caption: `The throughput each level (${curve.levelUnit}) sustained: green where p99 stayed within ${formatMs(curve.p99BudgetMs)}, red where it did not; the knee is outlined.`,
    data: { levels: levelRows(curve).map((row) => ({ ...row, budget: row.withinBudget ? 'p99 within budget' : 'p99 over budget' })) },
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      height: 200,
      data: source('levels'),
      mark: { type: 'bar', strokeWidth: 2.5 },
      encoding: {
        x: { field: 'level', type: 'ordinal', title: `Load level (${curve.levelUnit})`, sort: null },
        y: { field: 'throughput', type: 'quantitative', title: 'Throughput (req/s)' },
        color: {
          field: 'budget',
          type: 'nominal',
          title: 'Latency',
          scale: { domain: ['p99 within budget', 'p99 over budget'], range: ['#4c9a6a', '#e07a6f'] },
        },
        stroke: { condition: { test: 'datum.knee', value: '#1d1d27' }, value: null },
        tooltip: [
          { field: 'level', type: 'quantitative' },
          { field: 'throughput', type: 'quantitative', title: 'throughput (req/s)', format: '.1f' },
          { field: 'p99', type: 'quantitative', title: 'p99 (ms)', format: '.3f' },
        ],
      },
    }),
  };
}

export function sweepCharts(curve: LatencyCurve): ReportChart[] {
  return [throughputLatencyChart(curve), throughputByLevelChart(curve)];
}
