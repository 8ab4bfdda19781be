// Charts to inline SVG, in Node: vega-lite compiles the spec to vega, vega renders it headless. The
// page needs no script or network to show them.

import * as vega from 'vega';
import { compile } from 'vega-lite';
import { inlineSource, type ReportChart } from './reportChart.ts';

/** The chart as a standalone `<svg>` element. Its text is escaped by vega; `renderChart` checks no script got in. */
export async function renderChart(chart: ReportChart): Promise<string> {
  const compiled = compile(chart.spec(inlineSource(chart))).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    // Defence in depth: user text reaches the SVG only as escaped text, never as an element.
    if (/<script|<foreignObject/i.test(svg)) throw new Error(`chart ${chart.name} rendered markup that is not allowed in the report`);
    return svg;
  } finally {
    view.finalize();
  }
}
