// npm run bench:balancer — the balancing strategies side by side in one run, against the same three warm
// replicas of which one is slowed 4x: open-loop Poisson load through the harness's driver at ~70 % of the
// fleet's measured capacity, p50/p99 and failed requests/throughput per strategy and p99 as a ratio of
// round-robin's, with HAProxy (`balance leastconn`) as one more row when it is installed; then the
// balancer's own overhead, p50 through it vs straight to a replica, a plain TCP relay and HAProxy at low
// load, with the CPU each proxy process spends a request (which hardly moves with the machine's load when
// latencies do). The machine is shared and noisy, so strategies take turns in BENCH_ROUNDS interleaved
// rounds and each one's rounds are merged. BENCH_PARTS=overhead runs the overhead part alone.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../common/log.ts';
import { arrivalSchedule, type ArrivalKind } from '../harness/drive/arrivalSchedule.ts';
import { runOpenLoop } from '../harness/drive/openLoopDriver.ts';
import { LatencyHistogram } from '../harness/stats/latencyHistogram.ts';
import { startReferenceServerProcess, type ReferenceServerProcess } from '../harness/target/referenceServerProcess.ts';
import { strategyNames } from '../reference-server/balancer/strategies/strategies.ts';
import { defaultModelsDir, ensureModels } from '../models/index.ts';
import { closedLoop, distinctRowBodies } from './support/closedLoop.ts';
import { findHaproxy, haproxyInstallHint, startHaproxy } from './support/haproxy.ts';
import { processCpuMs } from './support/processCpu.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const parts = new Set((process.env.BENCH_PARTS ?? 'strategies,overhead').split(','));
const overheadRounds = 6;
const loadFraction = 0.7;
const slowReplica = 2;
const slowdown = 4;
const heavy = 'mnist-wide';
const light = 'mnist-mlp';
const write = (text: string) => process.stdout.write(text);
const haproxyRow = 'haproxy leastconn';
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Only the versions the bench uses, so each replica loads ~140 MB, not the 563 MB fp32 wide model: the int8
 * wide model (≈10 ms a row on one core, so service time, not HTTP, dominates) and the small mlp (for overhead).
 */
function benchModelsDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'infercap-bench-balancer-'));
  for (const [model, version] of [[heavy, 'int8'], [light, 'fp32']] as const) {
    fs.mkdirSync(path.join(dir, model, version), { recursive: true });
    fs.symlinkSync(path.join(defaultModelsDir, model, version, 'model.onnx'), path.join(dir, model, version, 'model.onnx'));
  }
  return dir;
}

/** A server process the bench started (a balancer or the TCP relay). */
interface ChildServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** A bench/support script in its own process (so it does not share the driver's event loop), once it listens. */
async function startSupportProcess(script: string, args: readonly string[]): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'support', script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /listening on (\S+)/.exec(out);
      if (match !== null) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`${script} ${args.join(' ')} exited before listening`)));
  });
  return {
    url,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The product's balancer server (bench/support/staticBalancer.ts) in front of the running replicas. */
function startBalancer(strategy: string, replicaUrls: readonly string[], weights = replicaUrls.map(() => 1)): Promise<ChildServer> {
  return startSupportProcess('staticBalancer.ts', [strategy, '1', weights.join(','), ...replicaUrls]);
}

/** Waits until no replica has a request queued or running, so each strategy starts from idle replicas. */
async function untilIdle(replicaUrls: readonly string[]): Promise<void> {
  const busy = async (url: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    return text.split('\n').some((line) => line.startsWith('infercap_queue_depth{') && Number(line.split(' ').at(-1)) > 0);
  };
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline && (await Promise.all(replicaUrls.map(busy))).some(Boolean)) await new Promise((r) => setTimeout(r, 100));
  await new Promise((resolve) => setTimeout(resolve, 500)); // the request running at the last look ends
}

/** One open-loop run: its latencies (from intended send time, successes only) and counts (failures beside them). */
interface OpenLoopRun {
  readonly histogram: LatencyHistogram;
  readonly succeeded: number;
  /** From the first intended send time to the last answer. */
  readonly seconds: number;
  readonly failed: number;
  readonly dropped: number;
}

/** Open loop at `rate` for `durationS` through the harness's driver, latency from each intended send time. */
async function openLoop(url: string, rate: number, durationS: number, arrivals: ArrivalKind, nextBody: () => string): Promise<OpenLoopRun> {
  const histogram = new LatencyHistogram();
  let lastDoneMs = 0;
  const result = await runOpenLoop({
    url,
    schedule: arrivalSchedule({ rate, durationMs: durationS * 1000, arrivals, seed: 42 }),
    durationMs: durationS * 1000,
    nextBody,
    timeoutMs: 30_000,
    onOutcome: (outcome) => {
      if (outcome.doneMs === undefined || outcome.failure !== undefined) return;
      histogram.record(outcome.doneMs - outcome.intendedMs);
      lastDoneMs = Math.max(lastDoneMs, outcome.doneMs);
    },
  });
  return { histogram, succeeded: result.succeeded, seconds: (lastDoneMs - result.startMs) / 1000, failed: result.failed, dropped: result.dropped };
}

/** Every round of one strategy as one: merged histogram, summed counts. */
function mergeRuns(runs: readonly OpenLoopRun[]) {
  const histogram = new LatencyHistogram();
  for (const run of runs) histogram.add(run.histogram);
  const sum = (key: 'succeeded' | 'seconds' | 'failed' | 'dropped') => runs.reduce((total, run) => total + run[key], 0);
  return { p50: histogram.percentile(50) ?? NaN, p99: histogram.percentile(99) ?? NaN, throughput: sum('succeeded') / sum('seconds'), failed: sum('failed'), dropped: sum('dropped') };
}

await ensureModels(defaultModelsDir, createLogger('info', { component: 'models' }));
const modelsDir = benchModelsDir();
const replicas: ReferenceServerProcess[] = [];
const balancers: ChildServer[] = [];
const stopAll = async () => {
  await Promise.allSettled(balancers.map((b) => b.stop()));
  await Promise.allSettled(replicas.map((r) => r.stop(10_000)));
  fs.rmSync(modelsDir, { recursive: true, force: true });
};
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

try {
  // One row per request, no batching and no cache, one ORT thread each: a request's cost is fixed, so the
  // slow replica is exactly `slowdown` times as expensive, as a slower machine would be.
  const serverOptions = { modelsDir, batching: false, cache: 'off', intraOpThreads: 1, logLevel: 'warn' } as const;
  for (let id = 1; id <= 3; id++) replicas.push(await startReferenceServerProcess({ ...serverOptions, ...(id === slowReplica ? { slowdown } : {}) }));
  const replicaUrls = replicas.map((r) => r.url);
  const heavyPath = `/v2/models/${heavy}/infer`;
  const body = distinctRowBodies(784, 1);
  write(`bench:balancer — 3 replicas of ${heavy} int8 (replica ${slowReplica} slowed ${slowdown}x), one row per request, ${os.cpus().length} cores shared by all\n\n`);

  if (parts.has('strategies')) {
    // Capacity: closed loop through least-connections (which keeps every replica busy without piling onto the slow one).
    const probe = await startBalancer('least-connections', replicaUrls);
    balancers.push(probe);
    await closedLoop(`${probe.url}${heavyPath}`, 6, 2, body); // warm-up
    const capacity = (await closedLoop(`${probe.url}${heavyPath}`, 6, 8, body)).requestsPerSecond;
    await probe.stop();
    balancers.length = 0;
    const rate = Math.max(1, Math.round(capacity * loadFraction));
    write(`fleet capacity (closed loop, 6 connections, least-connections): ${capacity.toFixed(1)} req/s → open loop at ${rate} req/s (Poisson), ${rounds} interleaved rounds of ${seconds} s per strategy\n\n`);

    // One balancer process per strategy, all kept warm; weighted round-robin gets the weights an operator
    // would set for this fleet (the slow replica a quarter of the others' share). HAProxy takes its turn too.
    const byStrategy = new Map<string, ChildServer>();
    for (const strategy of strategyNames) {
      const weights = replicaUrls.map((_, i) => (strategy === 'weighted-round-robin' ? (i + 1 === slowReplica ? 1 : slowdown) : 1));
      const balancer = await startBalancer(strategy, replicaUrls, weights);
      balancers.push(balancer);
      byStrategy.set(strategy, balancer);
    }
    const haproxyBinary = findHaproxy();
    if (haproxyBinary === undefined) write(`${haproxyInstallHint}: its rows are skipped\n\n`);
    else {
      const haproxy = await startHaproxy(haproxyBinary, replicaUrls);
      balancers.push(haproxy);
      byStrategy.set(haproxyRow, haproxy);
    }
    const runs = new Map<string, OpenLoopRun[]>([...byStrategy.keys()].map((name) => [name, []]));
    for (let round = 1; round <= rounds; round++) {
      write(`round ${round}/${rounds}\n`);
      for (const [strategy, balancer] of byStrategy) {
        await openLoop(`${balancer.url}${heavyPath}`, rate, 1, 'poisson', body); // warm-up: latency estimates, connections
        runs.get(strategy)!.push(await openLoop(`${balancer.url}${heavyPath}`, rate, seconds, 'poisson', body));
        // A backlog left on the slow replica by one strategy must not count against the next.
        await untilIdle(replicaUrls);
      }
    }
    const figures = new Map([...runs].map(([strategy, list]) => [strategy, mergeRuns(list)]));
    write('\n');
    const rr = figures.get('round-robin')!;
    // p50/p99 are of the successful requests; the failed and dropped ones are counted beside them, never left out.
    write(`${'strategy'.padEnd(22)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'failed'.padStart(7)} ${'dropped'.padStart(8)} ${'req/s'.padStart(7)} ${'p99/rr'.padStart(7)}\n`);
    for (const [strategy, f] of figures) {
      write(`${strategy.padEnd(22)} ${f.p50.toFixed(1).padStart(9)} ${f.p99.toFixed(1).padStart(9)} ${String(f.failed).padStart(7)} ${String(f.dropped).padStart(8)} ${f.throughput.toFixed(1).padStart(7)} ${(f.p99 / rr.p99).toFixed(2).padStart(7)}\n`);
    }
    write('\n');
    for (const strategy of ['least-response-time', 'p2c']) {
      const ratio = figures.get(strategy)!.p99 / rr.p99;
      write(`  ${`${strategy} p99 / round-robin p99`.padEnd(44)} ${ratio.toFixed(2)}x   (goal ≤ 0.5x: ${ratio <= 0.5 ? 'met' : 'NOT met'})\n`);
    }
    // Only the overhead's proxies run from here: the others' health checks stay out of the measurement.
    for (const balancer of byStrategy.values()) await balancer.stop();
    balancers.length = 0;
  }

  // Overhead: the light model at a low constant rate, straight to replica 1 and through a balancer, interleaved.
  const lightPath = `/v2/models/${light}/infer`;
  const overhead = await startBalancer('least-connections', [replicaUrls[0]!]);
  balancers.push(overhead);
  // The floor: a plain TCP relay process, the cost of one more process hop with no HTTP work at all.
  const relay = await startSupportProcess('tcpRelay.ts', [replicaUrls[0]!]);
  balancers.push(relay);
  const paths: Record<string, string> = { direct: replicaUrls[0]!, relay: relay.url, balancer: overhead.url };
  const pids: Record<string, number> = { relay: relay.pid, balancer: overhead.pid };
  const haproxyBinary = findHaproxy();
  if (haproxyBinary !== undefined) {
    const haproxy = await startHaproxy(haproxyBinary, [replicaUrls[0]!]);
    balancers.push(haproxy);
    paths['haproxy'] = haproxy.url;
    pids['haproxy'] = haproxy.pid;
  }
  const p50s: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  const failed: Record<string, number> = Object.fromEntries(Object.keys(paths).map((name) => [name, 0]));
  const dropped: Record<string, number> = Object.fromEntries(Object.keys(paths).map((name) => [name, 0]));
  const cpuMs: Record<string, number> = Object.fromEntries(Object.keys(paths).map((name) => [name, 0]));
  const answered: Record<string, number> = Object.fromEntries(Object.keys(paths).map((name) => [name, 0]));
  for (const base of Object.values(paths)) await openLoop(`${base}${lightPath}`, 100, 1, 'constant', body); // warm-up
  for (let round = 0; round < overheadRounds; round++) {
    for (const [name, base] of Object.entries(paths)) {
      const pid = pids[name];
      const cpuBefore = pid === undefined ? undefined : processCpuMs(pid);
      const one = await openLoop(`${base}${lightPath}`, 100, 3, 'constant', body);
      const cpuAfter = pid === undefined ? undefined : processCpuMs(pid);
      if (cpuBefore !== undefined && cpuAfter !== undefined) cpuMs[name]! += cpuAfter - cpuBefore;
      answered[name]! += one.succeeded + one.failed;
      const run = mergeRuns([one]);
      p50s[name]!.push(run.p50);
      failed[name]! += run.failed;
      dropped[name]! += run.dropped;
    }
  }
  const p50Of = (name: string) => median(p50s[name]!);
  const direct = p50Of('direct');
  const added = (name: string) => p50Of(name) - direct;
  const failures = (name: string) => `${failed[name]} failed, ${dropped[name]} dropped`;
  // /proc's 10 ms ticks over ~1,800 requests a path: a few µs of resolution a request.
  const cpu = (name: string) => (cpuMs[name]! > 0 ? `CPU ${((cpuMs[name]! * 1000) / answered[name]!).toFixed(0)} µs a request` : 'CPU not measured');
  write(`\nbalancer overhead (${light}, 100 req/s, ${overheadRounds} interleaved rounds of 3 s, median p50 of the successful requests, failed and dropped ones counted beside):\n`);
  write(`  ${Object.keys(paths).map((name) => `${name} ${p50Of(name).toFixed(3)} ms (${failures(name)})`).join(', ')}\n`);
  write(`  ${'added by a plain TCP relay (the floor)'.padEnd(44)} ${added('relay').toFixed(3)} ms   (${cpu('relay')})\n`);
  if (paths['haproxy'] === undefined) write(`  ${'added by HAProxy'.padEnd(44)} skipped: ${haproxyInstallHint}\n`);
  else write(`  ${'added by HAProxy (leastconn)'.padEnd(44)} ${added('haproxy').toFixed(3)} ms   (${cpu('haproxy')})\n`);
  const ours = added('balancer');
  write(`  ${'added by the balancer (least-connections)'.padEnd(44)} ${ours.toFixed(3)} ms   (goal ≤ 0.3 ms: ${ours <= 0.3 ? 'met' : 'NOT met'}; ${failures('balancer')}; ${cpu('balancer')})\n`);
  for (const [name, values] of Object.entries(p50s)) write(`  rounds ${name}: ${values.map((v) => v.toFixed(3)).join(', ')}\n`);
} finally {
  await stopAll();
}
