// A balancer process in front of replicas that are already running (for bench:balancer, which keeps the
// same warm replicas across strategies): the product's balancer server and health checks, no supervisor.
// Usage: node --import tsx bench/support/staticBalancer.ts <strategy> <seed> <weights, e.g. 4,1,4> <replica url>...

import { createLogger } from '../../common/log.ts';
import { createRng } from '../../common/prng.ts';
import { startBalancerServer } from '../../reference-server/balancer/balancerServer.ts';
import { ActiveHealthChecks } from '../../reference-server/balancer/healthChecks.ts';
import { defaultEjectionPolicy } from '../../reference-server/balancer/outlierEjection.ts';
import { createReplica } from '../../reference-server/balancer/replica.ts';
import { HttpConnections } from '../../common/http/httpConnections.ts';
import { createStrategy } from '../../reference-server/balancer/strategies/strategies.ts';

const [strategyName, seed, weights, ...urls] = process.argv.slice(2);
const weightOf = weights!.split(',').map(Number);
const logger = createLogger('warn', { component: 'balancer' });
const replicas = urls.map((url, i) => {
  const replica = createReplica(i + 1, weightOf[i] ?? 1);
  replica.url = url;
  replica.connections = new HttpConnections(url!);
  replica.process = 'running';
  return replica;
});
const checks = new ActiveHealthChecks(replicas, 1_000, logger);
await Promise.all(replicas.map((replica) => checks.check(replica)));
checks.start();
const balancer = await startBalancerServer({
  host: '127.0.0.1',
  port: 0,
  replicas,
  strategy: createStrategy(strategyName!, { rng: createRng(Number(seed)) }),
  ejection: defaultEjectionPolicy,
  bodyLimitBytes: 32 << 20,
  drainTimeoutMs: 10_000,
  logger,
});
process.stdout.write(`balancer ${strategyName} listening on ${balancer.url}\n`);
process.once('SIGTERM', () => {
  checks.stop();
  void balancer.close().then(() => process.exit(0));
});
