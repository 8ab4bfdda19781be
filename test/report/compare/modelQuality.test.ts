import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { ResolvedTarget, RunResults } from '../../../harness/results/runResults.ts';
import { modelQuality } from '../../../report/compare/modelQuality.ts';
import { runModelOf } from '../../../report/compare/runModel.ts';
import { compareRuns } from '../../../report/compare/writeComparisonReport.ts';

const pageOf = async (...args: Parameters<typeof compareRuns>) => (await compareRuns(...args)).page;
import { builtModelMetadataSchema, metadataFilePath } from '../../../models/index.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../../harness/results/syntheticRun.ts';

const temp = useTempDir('infercap-model-quality');
let modelsDir = '';
before(async () => {
  modelsDir = await ensureTestModels();
});

/** A run of variant `variant` of an fp32-vs-int8 scenario on mnist-mlp (3 s of synthetic traffic), its resolved target overridden by `resolved`. */
function variantRun(variant: string, resolved: Partial<ResolvedTarget> = {}): RunResults {
  const steady = recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, targetRate: 1000, startMs: 0 }, syntheticOutcomes(3000, 0, 3000), 3000);
  const results = resultsOf([steady]);
  results.scenario = {
    name: `fp32-vs-int8/${variant}`,
    target: { reference: { models: ['mnist-mlp'] } },
    workload: { model: 'mnist-mlp', rows: 1 },
    variants: [
      { name: 'fp32', workload: { version: 'fp32' } },
      { name: 'int8', workload: { version: 'int8' } },
    ],
    phases: [],
  };
  results.target = { url: 'http://127.0.0.1:8000', kind: 'reference', resolved: { model: 'mnist-mlp', version: variant, rows: 1, replicas: 1, batching: null, cache: 'lru', ...resolved } };
  return results;
}

const metadataOf = async (version: string) =>
  builtModelMetadataSchema.parse(JSON.parse(await readFile(metadataFilePath(modelsDir, 'mnist-mlp', version), 'utf8')));

describe('runModelOf', () => {
  it('reads the target the run resolved', () => {
    assert.deepEqual(runModelOf(variantRun('int8')), { model: 'mnist-mlp', version: 'int8', rows: 1, replicas: 1, modelsDir: undefined });
    const replicated = variantRun('fp32', { replicas: 3, modelsDir: '/m', rows: 4 });
    assert.deepEqual(runModelOf(replicated), { model: 'mnist-mlp', version: 'fp32', rows: 4, replicas: 3, modelsDir: '/m' });
  });

  it('is undefined when the results do not say (version 1 results whose scenario named no model)', () => {
    const results = variantRun('fp32');
    results.target = { ...results.target, resolved: null };
    assert.equal(runModelOf(results), undefined);
  });
});

describe('modelQuality', () => {
  it('measures each model on the MNIST test split with ONNX Runtime: the accuracy and agreement the build recorded', async () => {
    const quality = await modelQuality([
      { label: 'fp32', results: variantRun('fp32') },
      { label: 'int8', results: variantRun('int8') },
    ]);
    const [fp32, int8] = [await metadataOf('fp32'), await metadataOf('int8')];
    assert.deepEqual(quality, [
      { label: 'fp32', model: 'mnist-mlp', version: 'fp32', accuracy: fp32.accuracy, agreement: 1, rows: 2000 },
      { label: 'int8', model: 'mnist-mlp', version: 'int8', accuracy: int8.accuracy, agreement: int8.agreementWithFp32, rows: 2000 },
    ]);
  });

  it('is undefined when every variant served the same model file, and says why a model cannot be measured', async () => {
    assert.equal(await modelQuality([{ label: 'a', results: variantRun('fp32') }, { label: 'b', results: variantRun('fp32') }]), undefined);
    const missing = variantRun('int8', { model: 'no-such-model' });
    const quality = await modelQuality([{ label: 'fp32', results: variantRun('fp32') }, { label: 'gone', results: missing }], { rows: 10 });
    assert.equal(quality?.length, 2);
    assert.deepEqual({ ...quality![0], accuracy: undefined }, { label: 'fp32', model: 'mnist-mlp', version: 'fp32', accuracy: undefined, agreement: 1, rows: 10 });
    assert.ok('unavailable' in quality![1]! && /no-such-model/.test(quality![1].unavailable), JSON.stringify(quality![1]));
  });
});

describe('comparison report of two models', () => {
  it('shows each model\'s accuracy and agreement, and the cost per million predictions at the declared price', async () => {
    const fp32 = variantRun('fp32');
    const int8 = variantRun('int8');
    const out = path.join(temp.path(), 'models');
    const page = await readFile(await pageOf([{ label: 'fp32', results: fp32 }, { label: 'int8', results: int8 }], out, { pricePerReplicaHour: 0.36, rows: 500 }), 'utf8');
    const quality = page.match(/<table class="quality">[\s\S]*?<\/table>/)?.[0];
    assert.ok(quality !== undefined, 'the model quality table is shown');
    assert.match(quality, /<tr><td>fp32<\/td><td class="text">mnist-mlp<\/td><td class="text">fp32<\/td><td data-figure="accuracy">[\d.]+%<\/td><td data-figure="agreement">100%<\/td><\/tr>/);
    assert.match(quality, /<tr><td>int8<\/td><td class="text">mnist-mlp<\/td><td class="text">int8<\/td><td data-figure="accuracy">[\d.]+%<\/td><td data-figure="agreement">[\d.]+%<\/td><\/tr>/);
    assert.ok(page.includes('over 500 digits of the MNIST test split'));

    const cost = page.match(/<table class="cost">[\s\S]*?<\/table>/)?.[0];
    assert.ok(cost !== undefined, 'the cost table is shown');
    // $0.36 per replica-hour is $0.0001 per replica-second: 1e6 predictions cost 100 / predictions per second.
    const expected = (r: RunResults) => `$${Number((100 / r.phases[0]!.throughput).toPrecision(4))}`;
    assert.ok(cost.includes(`<td data-figure="cost">${expected(fp32)}</td>`), cost);
    assert.ok(page.includes('At $0.36 per replica-hour'));
  });
});
