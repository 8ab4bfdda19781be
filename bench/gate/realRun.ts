// One real run for the gate's benchmark and test: 1 s of warm-up then `seconds` at 200 req/s of mnist-mlp,
// driven by the harness against `url` (a reference server, or the fault proxy in front of one).

import type { RunResults } from '../../harness/results/runResults.ts';
import { runScenario } from '../../harness/run/runScenario.ts';
import { parseScenario } from '../../harness/scenario/loadScenario.ts';

export async function realRun(url: string, seconds: number): Promise<RunResults> {
  const scenario = parseScenario(
    `name: gate-real
target: { url: "${url}" }
workload: { model: mnist-mlp }
phases:
  - { name: warmup, kind: open, rate: 200, duration: 1s, warmup: true }
  - { name: steady, kind: open, rate: 200, duration: ${seconds}s }
`,
    'gate-real.yaml',
  );
  const [results] = await runScenario(scenario, { scenarioFile: 'gate-real.yaml' });
  return results!;
}
