// npm run bench:gate — the regression gate's false-failure rate on real runs: 20 pairs of runs of the
// same build (each run against a fresh reference server the harness spawns on loopback, as two CI jobs
// would), each pair gated; the goal is 0 failures in 20. Prints every verdict's changes and the rate.

import { formatGateChange, regressionGate } from '../harness/gate/regressionGate.ts';
import type { RunResults } from '../harness/results/runResults.ts';
import { runScenario } from '../harness/run/runScenario.ts';
import { parseScenario } from '../harness/scenario/loadScenario.ts';

const pairs = Number(process.env['GATE_BENCH_PAIRS'] ?? 20);
/** 10 s at 200 req/s: 2,000 samples (p50, p95, p99 judged), as long as the gate's real-run tests. */
const scenario = parseScenario(
  `name: gate-bench
target:
  reference:
    models: [mnist-mlp]
workload: { model: mnist-mlp }
phases:
  - { name: warmup, kind: open, rate: 200, duration: 2s, warmup: true }
  - { name: steady, kind: open, rate: 200, duration: 10s }
`,
  'gate-bench.yaml',
);

async function run(): Promise<RunResults> {
  const [results] = await runScenario(scenario, { scenarioFile: 'gate-bench.yaml' });
  return results!;
}

let failures = 0;
for (let pair = 1; pair <= pairs; pair++) {
  const baseline = await run();
  const current = await run();
  const verdict = regressionGate(baseline, current);
  if (!verdict.passed) failures++;
  const changes = verdict.statistics
    .filter((s) => s.estimate !== null)
    .map((s) => `${s.name} ${formatGateChange(s, s.estimate!)} [${formatGateChange(s, s.ciLow!)} … ${formatGateChange(s, s.ciHigh!)}]`)
    .join(', ');
  console.log(`pair ${String(pair).padStart(2)}: ${verdict.passed ? 'passed' : 'FAILED'}  ${changes}`);
  if (!verdict.passed) for (const line of verdict.lines) console.log(`    ${line}`);
}
console.log(`\nfalse failures: ${failures} of ${pairs} pairs of runs of the same build (goal: 0 of 20)`);
