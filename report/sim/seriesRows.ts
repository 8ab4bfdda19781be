// A simulation's per-second series turned into chart rows: the time axis in a unit that suits the
// trace's length (seconds, minutes, hours), and one row per point and quantity.

import type { Series } from '../../simulator/simulate/simulationResults.ts';

export interface TimeUnit {
  readonly name: 'seconds' | 'minutes' | 'hours';
  readonly seconds: number;
}

/** Hours for traces past two hours, minutes past ten minutes, seconds otherwise. */
export function timeUnitFor(traceSeconds: number): TimeUnit {
  if (traceSeconds > 2 * 3600) return { name: 'hours', seconds: 3600 };
  if (traceSeconds > 600) return { name: 'minutes', seconds: 60 };
  return { name: 'seconds', seconds: 1 };
}

const inUnit = (seconds: number, unit: TimeUnit) => Math.round((seconds / unit.seconds) * 1e4) / 1e4;

/** Rows `{ time, series, value }` for the named quantities of `series`; null values (nothing served) are left out. */
export function quantityRows<K extends keyof Series>(
  series: Series,
  unit: TimeUnit,
  quantities: readonly { readonly key: K; readonly name: string }[],
  extra: Record<string, string> = {},
) {
  return quantities.flatMap(({ key, name }) => {
    const values = series[key] as readonly (number | null)[];
    return series.time.flatMap((time, i) => {
      const value = values[i];
      return value === null || value === undefined ? [] : [{ time: inUnit(time, unit), series: name, value, ...extra }];
    });
  });
}
