// What every chart of a report is: a name (its file name), a title, its data as named tables,
// and a vega-lite spec that reads those tables from wherever the caller says.

import type { TopLevelSpec } from 'vega-lite';
import type { Data } from 'vega-lite/types_unstable/data.js';

/** Where a spec reads table `table` of the chart's data: inline values to render, a file URL to save. */
export type DataSource = (table: string) => Data;

/** One chart of the report. */
export interface ReportChart {
  /** File-name stem: `charts/<name>.vl.json` and `charts/<name>.data.json`. */
  readonly name: string;
  readonly title: string;
  /** One line under the title on what to read from the chart. */
  readonly caption: string;
  /** Named tables of plain rows. */
  readonly data: Readonly<Record<string, readonly object[]>>;
  spec(source: DataSource): TopLevelSpec;
}

/** Inline data: the spec `renderChart` compiles. */
export const inlineSource =
  (chart: Pick<ReportChart, 'data'>): DataSource =>
  (table) => ({ values: [...(chart.data[table] ?? [])] });

/** Data read from `<name>.data.json` next to the saved spec (one JSON object, a property per table). */
export const fileSource =
  (chart: Pick<ReportChart, 'name'>): DataSource =>
  (table) => ({ url: `${chart.name}.data.json`, format: { type: 'json', property: table } });

/** Shared look: width, fonts, no chart border. */
export const chartConfig = {
  width: 760,
  height: 260,
  config: {
    font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e8e8ee' },
    legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom' },
  },
} as const;
