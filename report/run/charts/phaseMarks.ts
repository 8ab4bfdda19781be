// The layers that mark phase boundaries on a time chart: a dashed rule where each phase starts and
// its name at the top.

import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { UnitSpec } from 'vega-lite/types_unstable/spec/unit.js';
import type { DataSource } from '../../reportChart.ts';

/** Table name of the phase starts (`{ phase, start }` rows, from `phaseBoundaries`). */
export const phasesTable = 'phases';

/** Rule + label layers for the `phases` table, on an x field named `time` in seconds. */
export function phaseMarkLayers(source: DataSource): UnitSpec<Field>[] {
  return [
    {
      data: source(phasesTable),
      mark: { type: 'rule', strokeDash: [4, 3], color: '#8a8a99' },
      encoding: { x: { field: 'start', type: 'quantitative' } },
    },
    {
      data: source(phasesTable),
      mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 2, fontSize: 11, color: '#55556a' },
      encoding: { x: { field: 'start', type: 'quantitative' }, text: { field: 'phase', type: 'nominal' } },
    },
  ];
}
