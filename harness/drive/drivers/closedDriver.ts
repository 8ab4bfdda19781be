// The `closed` phase kind: a fixed number of connections, each sending its next request when the
// previous answer arrives, so the target sets the pace.

import { shareOf } from '../../run/shardShare.ts';
import type { Phase } from '../../scenario/scenarioSchema.ts';
import { runClosedLoop } from '../closedLoopDriver.ts';
import { requestOptionsOf, type LoadDriver } from '../loadDriver.ts';

type ClosedPhase = Extract<Phase, { kind: 'closed' }>;

export const closedDriver: LoadDriver<ClosedPhase> = {
  async drive(phase, context) {
    const result = await runClosedLoop({
      ...requestOptionsOf(context),
      connections: phase.connections,
      durationMs: phase.duration,
    });
    return { startMs: result.startMs, endMs: result.stoppedMs };
  },
  targetRate: () => undefined,
  // Connections are shared out whole; a shard left with none pauses for the phase instead.
  shard(phase, shard) {
    const connections = shareOf(phase.connections, shard);
    return connections > 0 ? { ...phase, connections } : { name: phase.name, kind: 'pause', duration: phase.duration };
  },
  describeLoad: (phase) => `${phase.connections} connections`,
};
