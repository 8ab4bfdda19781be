// Fault: SIGKILL of one of the replicas behind the balancer, under load. The balancer must retry the
// requests the dead replica dropped on another one, so no client request fails, and the supervisor must
// restart it. The victim is a replica the balancer reports requests in flight on, so the kill loses some.

import { runClosedProbe, type ProbeTarget } from '../support/probeTraffic.ts';

export interface ReplicaKillOptions {
  /** The balancer's base URL (`infercap serve --replicas N`). */
  readonly balancerUrl: string;
  readonly target: ProbeTarget;
  readonly connections: number;
  readonly beforeMs: number;
  readonly afterMs: number;
  /** How long after the load to wait for the killed replica to run again (30 s by default). */
  readonly restartWaitMs?: number;
}

export interface ReplicaKillFigures {
  readonly replicas: number;
  readonly killedPid: number;
  /** Requests the balancer had in flight on the victim in its last stats before the kill. */
  readonly killedInFlight: number;
  /** The victim runs again under a new pid, counted as a restart, within restartWaitMs. */
  readonly restarted: boolean;
  /** From the kill until the balancer reported it running again; null when it did not. */
  readonly restartedAfterMs: number | null;
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
  replicas: { id: number; pid: number | null; restarts: number; inFlight: number; process: string }[];
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
  let victim: Stats['replicas'][number] | undefined;
  try {
    await sleep(options.beforeMs);
    // The busiest running replica; a few looks, since under closed-loop load one seldom has none in flight.
    for (let look = 0; look < 20 && !(victim !== undefined && victim.inFlight > 0); look++) {
      const before = await balancerStats(options.balancerUrl);
      replicas = before.replicas.length;
      victim = before.replicas.filter((replica) => replica.pid !== null).sort((a, b) => b.inFlight - a.inFlight)[0];
    }
    if (victim === undefined) throw new Error('the balancer reports no replica with a pid');
    killedPid = victim.pid!;
    process.kill(killedPid, 'SIGKILL');
    await sleep(options.afterMs);
  } finally {
    stop.abort();
  }
  const tally = await load;
  const killedMs = performance.now() - options.afterMs;
  const isRevived = (stats: Stats) => {
    const revived = stats.replicas.find((replica) => replica.id === victim!.id);
    return revived !== undefined && revived.restarts > victim!.restarts && revived.pid !== null && revived.pid !== killedPid && revived.process === 'running' && stats.totals.healthyReplicas === replicas;
  };
  let after = await balancerStats(options.balancerUrl);
  const deadline = performance.now() + (options.restartWaitMs ?? 30_000);
  while (!isRevived(after) && performance.now() < deadline) {
    await sleep(200);
    after = await balancerStats(options.balancerUrl);
  }
  const restarted = isRevived(after);
  return {
    replicas,
    killedPid,
    killedInFlight: victim!.inFlight,
    restarted,
    restartedAfterMs: restarted ? performance.now() - killedMs : null,
    sent: tally.sent,
    failed: tally.sent - tally.count(200),
    byStatus: { ...tally.byStatus },
    errors: { ...tally.errors },
    retries: after.totals.retries,
    restarts: after.replicas.reduce((sum, replica) => sum + replica.restarts, 0),
    healthyAtEnd: after.totals.healthyReplicas,
  };
}
