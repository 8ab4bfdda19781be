import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mixSeed, weightedChooser } from '../../../harness/drive/modelRoutes.ts';
import { mergeResults } from '../../../harness/results/mergeResults.ts';
import { runResultsSchema, type RunResults } from '../../../harness/results/runResults.ts';
import { runScenario } from '../../../harness/run/runScenario.ts';
import { parseScenario } from '../../../harness/scenario/loadScenario.ts';
import type { RunningServer } from '../../../reference-server/server.ts';
import { startTestServer } from '../../support/referenceServer.ts';

/** Requests the server itself answered successfully, per `name:version`, from Triton's statistics extension. */
async function serverCounts(server: RunningServer, models: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of models) {
    const response = await fetch(`${server.url}/v2/models/${model}/stats`);
    const body = (await response.json()) as { model_stats: { name: string; version: string; inference_stats: { success: { count: number } } }[] };
    for (const entry of body.model_stats) counts[`${entry.name}:${entry.version}`] = entry.inference_stats.success.count;
  }
  return counts;
}

describe('runScenario with a mix of models', () => {
  let server: RunningServer;
  before(async () => {
    server = await startTestServer({ models: ['mnist-mlp', 'mnist-wide'], cache: 'off' });
  });
  after(async () => {
    await server?.close();
  });

  it("splits results by model: each model's count is the seeded choice's and what the server counted", async () => {
    const seed = 5;
    const yaml = `
name: mix
target: { url: "${server.url}" }
workload:
  seed: ${seed}
  mix:
    - { model: mnist-mlp, version: fp32, weight: 60, thresholds: { error_rate: ["< 1%"] } }
    - { model: mnist-mlp, version: int8, weight: 20 }
    - { model: mnist-wide, version: fp32, weight: 20, thresholds: { latency: ["p(50) < 1us"] } }
phases:
  - { name: open, kind: open, rate: 50, arrivals: constant, duration: 2s }
  - { name: closed, kind: closed, connections: 2, duration: 500ms }
`;
    const [results] = await runScenario(parseScenario(yaml, 'mix.yaml'), { scenarioFile: 'mix.yaml' });
    assert.ok(results !== undefined);
    runResultsSchema.parse(results);
    const labels = ['mnist-mlp:fp32', 'mnist-mlp:int8', 'mnist-wide:fp32'];

    // The run's seed (workload.seed * 1009 + shard 1), each phase's (× 31 + its index), and the mix's from it.
    const variantSeed = seed * 1009 + 1;
    for (const [index, phase] of results.phases.entries()) {
      assert.equal(phase.counts.errors, 0, JSON.stringify(phase.errors));
      assert.deepEqual(phase.models?.map((split) => split.model), labels);
      const pick = weightedChooser([60, 20, 20], mixSeed(variantSeed * 31 + index));
      const expected = [0, 0, 0];
      for (let i = 0; i < phase.counts.sent; i++) expected[pick()]!++;
      assert.deepEqual(phase.models!.map((split) => split.counts.sent), expected, `phase ${phase.name}`);
      assert.deepEqual(phase.models!.map((split) => split.counts.ok), expected);
    }
    assert.equal(results.phases[0]!.counts.sent, 100);
    // Each model's own thresholds judged its part: no error on mnist-mlp fp32, and no answer from mnist-wide within 1 µs.
    const judged = results.thresholds as { metric: string; model?: string; passed: boolean; observed: number | null }[];
    assert.deepEqual(judged.map((outcome) => [outcome.metric, outcome.model, outcome.passed]), [
      ['error_rate', 'mnist-mlp:fp32', true],
      ['latency', 'mnist-wide:fp32', false],
    ]);
    assert.equal(judged[1]!.observed, results.overall.models![2]!.latency.p50);

    const ours = Object.fromEntries(results.overall.models!.map((split) => [split.model, split.counts.ok]));
    // mnist-wide's int8 version got nothing: the mix does not name it.
    assert.deepEqual({ ...ours, 'mnist-wide:int8': 0 }, await serverCounts(server, ['mnist-mlp', 'mnist-wide']));
    assert.equal(results.overall.models!.reduce((sum, split) => sum + split.counts.ok, 0), results.overall.counts.ok);
    // Every model got some of the load, the first about three fifths of it.
    const share = ours['mnist-mlp:fp32']! / results.overall.counts.ok;
    assert.ok(share > 0.4 && share < 0.8, `${share}`);
  });

  it('keeps the split through sharding: merged per-model counts are the shards\' sums and the server\'s', async () => {
    const before = await serverCounts(server, ['mnist-mlp', 'mnist-wide']);
    const yaml = `
name: mix-shards
target: { url: "${server.url}" }
workload:
  seed: 9
  mix: [{ model: mnist-mlp, weight: 1 }, { model: mnist-wide, version: fp32, weight: 1 }]
phases:
  - { name: open, kind: open, rate: 40, arrivals: poisson, duration: 1s }
`;
    const scenario = parseScenario(yaml, 'mix-shards.yaml');
    const shards: RunResults[] = [];
    for (const index of [1, 2]) shards.push((await runScenario(scenario, { scenarioFile: 'mix-shards.yaml', shard: { index, count: 2 } }))[0]!);
    const merged = mergeResults(shards);
    runResultsSchema.parse(merged);
    const labels = ['mnist-mlp', 'mnist-wide:fp32'];
    assert.deepEqual(merged.overall.models!.map((split) => split.model), labels);
    const sums = labels.map((_, i) => shards.reduce((sum, shard) => sum + shard.overall.models![i]!.counts.ok, 0));
    assert.deepEqual(merged.overall.models!.map((split) => split.counts.ok), sums);
    assert.deepEqual(merged.phases[0]!.models!.map((split) => split.counts.ok), sums);
    // The server counts requests to a model without a version against the version it serves by default.
    const after = await serverCounts(server, ['mnist-mlp', 'mnist-wide']);
    const served = (key: string) => after[key]! - before[key]!;
    assert.equal(served('mnist-mlp:fp32') + served('mnist-mlp:int8'), sums[0]);
    assert.equal(served('mnist-wide:fp32'), sums[1]);
    assert.equal(sums[0]! + sums[1]!, merged.overall.counts.ok);
  });
});
