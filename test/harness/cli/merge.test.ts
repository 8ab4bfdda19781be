import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { readResults } from '../../../harness/results/resultsFile.ts';
import { decodeLatencyHistogram } from '../../../harness/stats/latencyHistogram.ts';
import { runInfercap } from '../../../harness/target/infercapProcess.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-merge');
before(() => ensureTestModels());

const scenario = `name: sharded
target:
  reference:
    models: [mnist-mlp]
workload:
  model: mnist-mlp
phases:
  - name: open
    kind: open
    rate: 60
    duration: 2s
  - name: rest
    kind: pause
    duration: 500ms
  - name: closed
    kind: closed
    connections: 3
    duration: 1s
thresholds:
  error_rate: ["< 1%"]
`;

describe('infercap run --shard and infercap merge', () => {
  it('runs each shard on its share of the load and merges their results exactly', async () => {
    const file = path.join(temp.path(), 'sharded.yaml');
    await writeFile(file, scenario);
    const shards = [path.join(temp.path(), 'a.json'), path.join(temp.path(), 'b.json')];
    for (const [i, out] of shards.entries()) {
      const { code, stderr } = await runInfercap(['run', file, '--shard', `${i + 1}/2`, '--out', out, '--quiet']);
      assert.equal(code, 0, stderr);
    }
    const [a, b] = await Promise.all(shards.map((shard) => readResults(shard, ['run'])));
    assert.equal(a!.phases[0]!.targetRate, 30);
    assert.deepEqual([a!.environment.shard, b!.environment.shard], [{ index: 1, count: 2 }, { index: 2, count: 2 }]);

    const out = path.join(temp.path(), 'all.json');
    const { code, stdout } = await runInfercap(['merge', ...shards, '--out', out]);
    assert.equal(code, 0);
    assert.match(stdout, /1 of 1 thresholds passed/);
    const merged = await readResults(out, ['run']);
    for (const [index, phase] of merged.phases.entries()) {
      const parts = [a!.phases[index]!, b!.phases[index]!];
      assert.equal(phase.counts.sent, parts[0]!.counts.sent + parts[1]!.counts.sent);
      const expected = decodeLatencyHistogram(parts[0]!.histogram);
      expected.add(decodeLatencyHistogram(parts[1]!.histogram));
      assert.deepEqual(decodeLatencyHistogram(phase.histogram).summary(), expected.summary());
    }
    assert.equal(merged.phases[0]!.targetRate, 60);
    assert.deepEqual(merged.phases.map((phase) => [phase.name, phase.kind]), [['open', 'open'], ['rest', 'pause'], ['closed', 'closed']]);
    assert.equal(merged.phases[1]!.counts.sent, 0);
  });

  it("judges a mix model's own thresholds again on the merged split, naming the model", async () => {
    const file = path.join(temp.path(), 'mixed.yaml');
    await writeFile(
      file,
      [
        'name: mixed',
        'target: { reference: { models: [mnist-mlp] } }',
        'workload:',
        '  mix:',
        '    - { model: mnist-mlp, version: fp32, weight: 1, thresholds: { error_rate: ["< 1%"] } }',
        '    - { model: mnist-mlp, version: int8, weight: 1, thresholds: { throughput: ["> 100000/s"] } }',
        'phases: [{ name: open, kind: open, rate: 40, duration: 1s }]',
        '',
      ].join('\n'),
    );
    const shards = [path.join(temp.path(), 'mixed-a.json'), path.join(temp.path(), 'mixed-b.json')];
    for (const [i, out] of shards.entries()) await runInfercap(['run', file, '--shard', `${i + 1}/2`, '--out', out, '--quiet']);
    const out = path.join(temp.path(), 'mixed.json');
    const { code, stdout } = await runInfercap(['merge', ...shards, '--out', out]);
    assert.equal(code, 99, 'the int8 throughput threshold cannot hold');
    assert.match(stdout, /1 of 2 thresholds passed/);
    assert.match(stdout, /\| ✅ \| error\\_rate\{model:mnist-mlp:fp32\} \|/);
    const merged = await readResults(out, ['run']);
    const [a, b] = await Promise.all(shards.map((shard) => readResults(shard, ['run'])));
    const split = merged.overall.models!;
    assert.deepEqual(split.map((model) => model.counts.sent), [0, 1].map((i) => a!.overall.models![i]!.counts.sent + b!.overall.models![i]!.counts.sent));
    assert.deepEqual((merged.thresholds as { model?: string; observed: number | null }[]).map((outcome) => [outcome.model, outcome.observed]), [
      ['mnist-mlp:fp32', split[0]!.errorRate],
      ['mnist-mlp:int8', split[1]!.throughput],
    ]);
  });
});
