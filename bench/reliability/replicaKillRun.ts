// Fault: SIGKILL of one of the replicas behind the balancer, under load. The balancer must retry the
// requests the dead replica dropped on another one, so no client request fails.

import { runClosedProbe, type ProbeTarget } from '../support/probeTraffic.ts';

export interface ReplicaKillOptions {
  /** The balancer's base URL (`infercap serve --replicas N`). */
  readonly balancerUrl: string;
  readonly target: ProbeTarget;
  readonly connections: number;
  readonly beforeMs: number;
  readonly afterMs: number;
}

export interface ReplicaKillFigures {
  readonly replicas: number;
  readonly killedPid: number;
  readonly sent: number;
  /** Client requests that did not get a 200. */
  readonly failed: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly errors: Readonly<Record<string, number>>;
  /** Requests the balancer sent to a second replica (its own count). */
  readonly retries: number;
  readonly restarts: number;
  readonly healthyAtEnd: number;
}

interface Stats {
  replicas: { id: number; pid: number | null; restarts: number }[];
  totals: { retries: number; healthyReplicas: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function balancerStats(url: string): Promise<Stats> {
  const response = await fetch(`${url}/balancer/stats`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET /balancer/stats answered ${response.status}`);
  return (await response.json()) as Stats;
}

export async function runReplicaKill(options: ReplicaKillOptions): Promise<ReplicaKillFigures> {
  const stop = new AbortController();
  const load = runClosedProbe(options.target, { connections: options.connections, signal: stop.signal });
  let killedPid = -1;
  let replicas = 0;
  try {
    await sleep(options.beforeMs);
    const before = await balancerStats(options.balancerUrl);
    replicas = before.replicas.length;
    const victim = before.replicas.find((replica) => replica.pid !== null);
    if (victim === undefined) throw new Error('the balancer reports no replica with a pid');
    killedPid = victim.pid!;
    process.kill(killedPid, 'SIGKILL');
    await sleep(options.afterMs);
  } finally {
    stop.abort();
  }
  const tally = await load;
  const after = await balancerStats(options.balancerUrl);
  return {
    replicas,
    killedPid,
    sent: tally.sent,
    failed: tally.sent - tally.count(200),
    byStatus: { ...tally.byStatus },
    errors: { ...tally.errors },
    retries: after.totals.retries,
    restarts: after.replicas.reduce((sum, replica) => sum + replica.restarts, 0),
    healthyAtEnd: after.totals.healthyReplicas,
  };
}
