// The registry of load drivers: one line per phase kind. A kind added to the scenario's phase schema
// without a driver here is a type error.

import type { Phase } from '../scenario/scenarioSchema.ts';
import { closedDriver } from './drivers/closedDriver.ts';
import { openDriver } from './drivers/openDriver.ts';
import { pauseDriver } from './drivers/pauseDriver.ts';
import { traceDriver } from './drivers/traceDriver.ts';
import type { LoadDriver } from './loadDriver.ts';

const loadDrivers: { readonly [K in Phase['kind']]: LoadDriver<Extract<Phase, { kind: K }>> } = {
  open: openDriver,
  closed: closedDriver,
  pause: pauseDriver,
  trace: traceDriver,
};

/** The driver of `phase`'s kind. */
export function loadDriverOf<P extends Phase>(phase: P): LoadDriver<P> {
  // TypeScript cannot correlate a mapped type's entry with a generic key; the mapping above is checked.
  return loadDrivers[phase.kind as P['kind']] as LoadDriver<Phase> as LoadDriver<P>;
}
