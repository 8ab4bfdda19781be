// npm run bench:gate — the regression gate on real runs, in two parts:
//   1. faults: a real reference server behind the loopback fault proxy; a baseline run, then a run with each
//      fault (a 500 ms stall every third second, 9 % fast 503s, a 30 % slowdown at the median): each must fail;
//   2. the false-failure rate: 20 pairs of runs of the same build (each run against a fresh reference server
//      the harness spawns, as two CI jobs would), each pair gated; the goal is 0 failures in 20.
// Runs are 10 s at 200 req/s of mnist-mlp (2,000 samples: p50, p95 and p99 are judged, p99.9 is not).
// GATE_BENCH_PAIRS sets the number of pairs (0 runs the faults only).

import { defaultModelsDir, ensureModels } from '../models/index.ts';
import { silentLogger } from '../common/log.ts';
import { formatGateChange, regressionGate, type GateVerdict } from '../harness/gate/regressionGate.ts';
import type { RunResults } from '../harness/results/runResults.ts';
import { runScenario } from '../harness/run/runScenario.ts';
import { parseScenario } from '../harness/scenario/loadScenario.ts';
import { spawnServer } from '../reference-server/spawnServer.ts';
import { startFaultProxy, type Fault } from './gate/faultProxy.ts';
import { realRun } from './gate/realRun.ts';

const pairs = Number(process.env['GATE_BENCH_PAIRS'] ?? 20);
const seconds = 10;

const changes = (verdict: GateVerdict) =>
  verdict.statistics
    .filter((s) => s.estimate !== null)
    .map((s) => `${s.name} ${formatGateChange(s, s.estimate!)} [${formatGateChange(s, s.ciLow!)} … ${formatGateChange(s, s.ciHigh!)}]`)
    .join(', ');

await ensureModels(defaultModelsDir, silentLogger);
console.log('faults on real runs (each must fail):');
const server = spawnServer({ modelsDir: defaultModelsDir, models: ['mnist-mlp'], cache: 'off', logLevel: 'warn' });
try {
  const url = await server.listening;
  const through = async (fault: Fault) => {
    const proxy = await startFaultProxy(url, fault);
    try {
      return await realRun(proxy.url, seconds);
    } finally {
      await proxy.close();
    }
  };
  await through({ kind: 'none' }); // warms the server, the proxy and the harness
  const baseline = await through({ kind: 'none' });
  const faults: [string, Fault][] = [
    ['500 ms stall every third second', { kind: 'stall', ms: 500 }],
    ['9 % fast 503s', { kind: 'shed', perHundred: 9 }],
    ['30 % slowdown at the median', { kind: 'slow', ms: 0.3 * baseline.phases[1]!.latency.p50! }],
  ];
  for (const [name, fault] of faults) {
    const verdict = regressionGate(baseline, await through(fault));
    const failed = verdict.statistics.filter((s) => s.regressed).map((s) => s.name);
    console.log(`  ${name}: ${verdict.passed ? 'MISSED (passed)' : `failed on ${failed.join(', ')}`}  ${changes(verdict)}`);
  }
} finally {
  await server.stop();
}

const scenario = parseScenario(
  `name: gate-bench
target:
  reference:
    models: [mnist-mlp]
workload: { model: mnist-mlp }
phases:
  - { name: warmup, kind: open, rate: 200, duration: 2s, warmup: true }
  - { name: steady, kind: open, rate: 200, duration: ${seconds}s }
`,
  'gate-bench.yaml',
);
const freshRun = async (): Promise<RunResults> => (await runScenario(scenario, { scenarioFile: 'gate-bench.yaml' }))[0]!;

if (pairs > 0) console.log(`\n${pairs} pairs of runs of the same build (each must pass):`);
let failures = 0;
for (let pair = 1; pair <= pairs; pair++) {
  const verdict = regressionGate(await freshRun(), await freshRun());
  if (!verdict.passed) failures++;
  console.log(`pair ${String(pair).padStart(2)}: ${verdict.passed ? 'passed' : 'FAILED'}  ${changes(verdict)}`);
  if (!verdict.passed) for (const line of verdict.lines) console.log(`    ${line}`);
}
if (pairs > 0) console.log(`\nfalse failures: ${failures} of ${pairs} pairs of runs of the same build (goal: 0 of 20)`);
