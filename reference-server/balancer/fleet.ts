// A balanced fleet: N supervised replica processes (each a full reference server) behind one balancer on
// the public port, with active health checks; closing drains the balancer, then every replica.

import { createRng } from '../../common/prng.ts';
import type { Logger } from '../../common/log.ts';
import { resolveServerOptions, type ServerOptionsInput } from '../config/serverOptions.ts';
import { createAccessCheck } from '../http/accessControl.ts';
import { loadApiKeys } from '../security/apiKeys.ts';
import { startBalancerServer, type RunningBalancer } from './balancerServer.ts';
import type { FleetOptions } from './fleetOptions.ts';
import { ActiveHealthChecks } from './healthChecks.ts';
import { createReplica, type Replica } from './replica.ts';
import { createStrategy } from './strategies/strategies.ts';
import { Supervisor } from './supervisor.ts';

export interface RunningFleet {
  /** The balancer's URL: the fleet's public address. */
  readonly url: string;
  readonly port: number;
  readonly balancer: RunningBalancer;
  readonly replicas: readonly Replica[];
  /** Drains the balancer (every request in flight is answered), then stops every replica (each drains too). Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the replicas with the reference server's `server` options (host and port are the balancer's;
 * each replica listens on its own free loopback port) and the balancer once all of them listen.
 * @throws InfercapError for invalid server options (before anything starts) or replicas that fail to start.
 */
export async function startFleet(fleet: FleetOptions, server: ServerOptionsInput, logger: Logger, writeLog = (line: string) => void process.stderr.write(line)): Promise<RunningFleet> {
  const resolved = resolveServerOptions(server);
  // The balancer rate-limits each client once for the whole fleet (replicas would each grant the full rate,
  // and see only the balancer's address); replicas keep checking API keys, which pass through.
  const { host, port, rateLimit, rateBurst, ...replicaOptions } = server;
  const keys = loadApiKeys(resolved.apiKey, resolved.apiKeysFile);
  const accessCheck = createAccessCheck(resolved, { keys });
  const ownKey = keys[0];
  const replicas = Array.from({ length: fleet.replicas }, (_, i) => createReplica(i + 1, fleet.weights.get(i + 1) ?? 1, fleet.slowdowns.get(i + 1) ?? 1));
  const strategy = createStrategy(fleet.strategy, { rng: createRng(fleet.seed) });
  const checks = new ActiveHealthChecks(replicas, fleet.healthIntervalMs, logger);
  const supervisor = new Supervisor(replicas, {
    serverOptions: (replica) => ({ ...replicaOptions, slowdown: replica.slowdown === 1 ? replicaOptions.slowdown : replica.slowdown }),
    restart: fleet.restart,
    startTimeoutMs: fleet.replicaStartTimeoutMs,
    stopGraceMs: resolved.drainTimeoutMs + 5_000,
    onListening: (replica) => void checks.check(replica),
    writeLog,
    logger,
  });
  await supervisor.startAll();
  checks.start();
  let balancer: RunningBalancer;
  try {
    // The first checks were started as each replica came up; wait for them so the fleet starts in rotation.
    await Promise.all(replicas.map((replica) => checks.check(replica)));
    balancer = await startBalancerServer({
      host: resolved.host,
      port: resolved.port,
      replicas,
      strategy,
      ejection: fleet.ejection,
      bodyLimitBytes: resolved.bodyLimitBytes,
      drainTimeoutMs: resolved.drainTimeoutMs,
      logger,
      accessCheck,
      ...(ownKey === undefined ? {} : { replicaAuthorization: `Bearer ${ownKey}` }),
    });
  } catch (error) {
    checks.stop();
    await supervisor.stopAll();
    throw error;
  }
  logger.info('balancer.ready', { url: balancer.url, strategy: strategy.name, replicas: replicas.map((r) => ({ id: r.id, url: r.url, weight: r.weight, slowdown: r.slowdown })) });
  let closing: Promise<void> | undefined;
  return {
    url: balancer.url,
    port: balancer.port,
    balancer,
    replicas,
    close: () =>
      (closing ??= (async () => {
        await balancer.close();
        checks.stop();
        await supervisor.stopAll();
        logger.info('fleet.stopped', {});
      })()),
  };
}
