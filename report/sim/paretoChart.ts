// The capacity plan's decision chart: every policy evaluated by cost and SLO attainment, the Pareto
// frontier (nothing cheaper attains as much) as a line, the fixed fleets, and the recommendation ringed.

import type { PlanResults } from '../../simulator/plan/planResults.ts';
import { chartConfig, type ReportChart } from '../reportChart.ts';

const recommendedColor = '#c62828';

/** The chart's tables: candidates, the frontier in cost order, the fixed fleets, the recommendation and the objective. */
export function paretoRows(plan: PlanResults) {
  const candidates = plan.candidates.map((c) => ({
    id: c.id,
    label: c.label,
    cost: c.outcome.cost,
    attainment: c.outcome.attainment.requests,
    group: c.pareto ? 'Pareto frontier' : 'dominated',
  }));
  const frontier = candidates.filter((c) => c.group === 'Pareto frontier').sort((a, b) => a.cost - b.cost || a.attainment - b.attainment);
  const fixed = (['atPeak', 'atP99'] as const).map((at) => {
    const option = plan.fixedFleet[at];
    return { label: `fixed ${option.replicas} (${at === 'atPeak' ? 'peak' : 'p99 load'})`, cost: option.outcome.cost, attainment: option.outcome.attainment.requests };
  });
  const { recommended } = plan;
  return {
    candidates,
    frontier,
    fixed,
    recommended: recommended === null ? [] : [{ label: `recommended: ${recommended.label}`, cost: recommended.outcome.cost, attainment: recommended.outcome.attainment.requests }],
    objective: [{ attainment: plan.slo.objective, label: `SLO objective ${(plan.slo.objective * 100).toFixed(4).replace(/\.?0+$/, '')} %` }],
  };
}

export function paretoChart(plan: PlanResults): ReportChart {
  const currency = plan.instance.currency;
  const x = { field: 'cost', type: 'quantitative', title: `Cost over the trace (${currency})`, scale: { zero: false } } as const;
  const y = { field: 'attainment', type: 'quantitative', title: 'SLO attainment (share of requests)', scale: { zero: false }, axis: { format: '.2%' } } as const;
  const tooltip = [
    { field: 'label', type: 'nominal' },
    { field: 'cost', type: 'quantitative', format: '.4~f' },
    { field: 'attainment', type: 'quantitative', format: '.4%' },
  ] as const;
  return {
    name: 'cost-vs-slo',
    title: 'Cost against SLO attainment',
    caption: 'Every policy evaluated: up is better, left is cheaper. The line joins the Pareto frontier (no policy is cheaper and attains as much); squares are the fixed fleets, the red ring the recommendation, the dashed line the SLO objective.',
    data: paretoRows(plan),
    spec: (source) => ({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      ...chartConfig,
      height: 320,
      layer: [
        {
          data: source('objective'),
          mark: { type: 'rule', strokeDash: [6, 4], color: '#8a8a99' },
          encoding: { y: { field: 'attainment', type: 'quantitative' } },
        },
        {
          data: source('objective'),
          mark: { type: 'text', align: 'left', baseline: 'bottom', x: 4, dy: -3, fontSize: 11, color: '#55556a' },
          encoding: { y: { field: 'attainment', type: 'quantitative' }, text: { field: 'label', type: 'nominal' } },
        },
        { data: source('frontier'), mark: { type: 'line', color: '#2f5fb3', strokeWidth: 1.5, interpolate: 'step-after' }, encoding: { x, y } },
        {
          data: source('candidates'),
          mark: { type: 'point', filled: true, size: 46, opacity: 0.85 },
          encoding: {
            x,
            y,
            color: { field: 'group', type: 'nominal', title: 'Autoscaling policies', legend: { titleLimit: 400 }, scale: { domain: ['Pareto frontier', 'dominated'], range: ['#2f5fb3', '#b4b6c4'] } },
            tooltip: [...tooltip],
          },
        },
        { data: source('fixed'), mark: { type: 'square', size: 90, color: '#8e5bb5', filled: true }, encoding: { x, y, tooltip: [...tooltip] } },
        { data: source('fixed'), mark: { type: 'text', align: 'left', dx: 9, fontSize: 11, color: '#8e5bb5' }, encoding: { x, y, text: { field: 'label', type: 'nominal' } } },
        { data: source('recommended'), mark: { type: 'point', shape: 'circle', size: 380, strokeWidth: 2.4, color: recommendedColor, filled: false }, encoding: { x, y, tooltip: [...tooltip] } },
        {
          data: source('recommended'),
          mark: { type: 'text', align: 'left', dx: 14, dy: 14, fontSize: 11, fontWeight: 'bold', color: recommendedColor, limit: 360 },
          encoding: { x, y, text: { field: 'label', type: 'nominal' } },
        },
      ],
    }),
  };
}
