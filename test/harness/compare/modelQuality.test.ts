import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { compare } from '../../../harness/cli/commands/compare.ts';
import { comparisonOptionsOf } from '../../../harness/cli/comparisonFlags.ts';
import { compareRuns } from '../../../harness/compare/compareRuns.ts';
import { modelQuality } from '../../../harness/compare/modelQuality.ts';
import { runModelOf } from '../../../harness/compare/runModel.ts';
import type { RunResults } from '../../../harness/results/runResults.ts';
import { builtModelMetadataSchema, metadataFilePath } from '../../../models/index.ts';
import { gemmModel } from '../../models/tinyOnnxModels.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';
import { useTempDir } from '../../support/tempDir.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../results/syntheticRun.ts';

const temp = useTempDir('infercap-model-quality');
let modelsDir = '';
before(async () => {
  modelsDir = await ensureTestModels();
});

/** A run of variant `variant` of an fp32-vs-int8 scenario on mnist-mlp (3 s of synthetic traffic at `count` requests). */
function variantRun(variant: string, scenarioExtra: Record<string, unknown> = {}, count = 3000): RunResults {
  const steady = recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, targetRate: 1000, startMs: 0 }, syntheticOutcomes(count, 0, 3000), 3000);
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
    ...scenarioExtra,
  };
  // What infercap run records of the target it drove: the reference server it started, or the URL.
  const scenario = results.scenario as { target?: { url?: string }; workload?: { model?: string } };
  const model = scenario.workload?.model ?? 'mnist-mlp';
  const url = scenario.target?.url;
  const resolved = { model, version: url === undefined ? variant : null, rows: 1, replicas: url === undefined ? 1 : null, batching: null, cache: null };
  results.target = url === undefined ? { url: 'http://127.0.0.1:1', kind: 'reference', resolved } : { url, kind: 'url', resolved };
  return results;
}

/** A run of `model` on a server at a URL: infercap cannot see its model file. */
function urlRun(name: string, model: string, count: number): RunResults {
  return variantRun(name, { name, target: { url: 'http://127.0.0.1:9' }, workload: { model, rows: 1 }, variants: undefined }, count);
}

const metadataOf = async (version: string) =>
  builtModelMetadataSchema.parse(JSON.parse(await readFile(metadataFilePath(modelsDir, 'mnist-mlp', version), 'utf8')));

/**
 * Two 2-class Gemm classifiers: `Y = X` and `Y = X + [0, 0.5]`. They disagree exactly where
 * 0 < x0 − x1 < 0.5: on 3 of the 8 rows below (rows 2, 4 and 6).
 */
const identity = gemmModel({ k: 2, n: 2, weights: Float32Array.from([1, 0, 0, 1]), transB: false, alpha: 1, beta: 1 });
const shifted = gemmModel({ k: 2, n: 2, weights: Float32Array.from([1, 0, 0, 1]), transB: false, alpha: 1, beta: 1, bias: Float32Array.from([0, 0.5]) });
const rows = [[1, 0], [0.25, 0], [0, 1], [0.375, 0.125], [3, 2], [0.25, 0], [-1, -2], [0, 0.25]];
// identity predicts [0,0,1,0,0,0,0,1], shifted [0,1,1,1,0,1,0,1]; against these labels 7/8 and 6/8 are right.
const labels = [0, 0, 1, 0, 0, 1, 0, 1];

/** The rows as perf_analyzer writes them: plain arrays, content with a shape, and raw FP32 bytes in base64. */
function classifierData(): unknown {
  const entry = (row: number[], i: number) =>
    i % 3 === 0 ? { X: row } : i % 3 === 1 ? { X: { content: row, shape: [2] } } : { X: { b64: Buffer.from(Float32Array.from(row).buffer).toString('base64') } };
  return { data: rows.map(entry), validation_data: labels.map((label) => ({ Y: [label] })) };
}

/** Two regressors of `X [batch, 2]` → `Y [batch, 1]`: x0 + x1, and 1.5·x0 + x1. */
const sum = gemmModel({ k: 2, n: 1, weights: Float32Array.from([1, 1]), transB: false, alpha: 1, beta: 1 });
const skewed = gemmModel({ k: 2, n: 1, weights: Float32Array.from([1.5, 1]), transB: false, alpha: 1, beta: 1 });

async function writeModels(dir: string, models: Record<string, Uint8Array>): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(models)) {
    files[name] = path.join(dir, `${name}.onnx`);
    await writeFile(files[name], bytes);
  }
  return files;
}

describe('runModelOf', () => {
  it('takes the target the run recorded, and what its requests carried from the scenario', () => {
    const common = { modelsDir: undefined, url: undefined, seed: 1, workload: { rows: 1, inputs: undefined, inputData: undefined } };
    assert.deepEqual(runModelOf(variantRun('int8')), { model: 'mnist-mlp', version: 'int8', rows: 1, replicas: 1, ...common });
    const random = variantRun('fp32', { workload: { model: 'mnist-mlp', rows: 4, inputs: 'random', seed: 7 } });
    random.target = { ...random.target, resolved: { model: 'mnist-mlp', version: 'fp32', rows: 4, replicas: 3, batching: null, cache: null, modelsDir: '/m' } };
    assert.deepEqual(runModelOf(random), { model: 'mnist-mlp', version: 'fp32', rows: 4, replicas: 3, modelsDir: '/m', url: undefined, seed: 7, workload: { rows: 4, inputs: 'random', inputData: undefined } });
    assert.equal(runModelOf(urlRun('a', 'm', 10))?.url, 'http://127.0.0.1:9');
  });

  it('is undefined for results that recorded no target (run results of version 1)', () => {
    const old = variantRun('int8');
    old.target = { ...old.target, resolved: null };
    assert.equal(runModelOf(old), undefined);
  });
});

describe('modelQuality', () => {
  it('runs each built model on the MNIST test split: the accuracy and agreement the build recorded', async () => {
    const quality = await modelQuality([
      { label: 'fp32', results: variantRun('fp32') },
      { label: 'int8', results: variantRun('int8') },
    ]);
    const [fp32, int8] = [await metadataOf('fp32'), await metadataOf('int8')];
    assert.deepEqual(quality?.inputs, { source: 'mnist', description: '2,000 digits of the MNIST test split' });
    assert.deepEqual(
      quality?.variants.map((v) => ('outputs' in v ? [v.label, v.version, v.outputs, v.meetsBar] : v)),
      [
        ['fp32', 'fp32', [{ output: 'probabilities', kind: 'classes', rows: 2000, classes: 10, agreement: 1, accuracy: fp32.accuracy }], true],
        ['int8', 'int8', [{ output: 'probabilities', kind: 'classes', rows: 2000, classes: 10, agreement: int8.agreementWithFp32, accuracy: int8.accuracy }], int8.agreementWithFp32! >= 0.99],
      ],
    );
  });

  it('is undefined when every variant served the same model file, and says why a model cannot be run', async () => {
    assert.equal(await modelQuality([{ label: 'a', results: variantRun('fp32') }, { label: 'b', results: variantRun('fp32') }]), undefined);
    const missing = variantRun('int8', { workload: { model: 'no-such-model' } });
    const quality = await modelQuality([{ label: 'fp32', results: variantRun('fp32') }, { label: 'gone', results: missing }], { rows: 10 });
    assert.equal(quality?.variants.length, 2);
    const first = quality!.variants[0]!;
    assert.deepEqual('outputs' in first ? first.outputs.map((o) => [o.kind, o.kind === 'classes' ? o.rows : 0]) : first, [['classes', 10]]);
    assert.ok('unavailable' in quality!.variants[1]! && /no-such-model/.test(quality.variants[1].unavailable), JSON.stringify(quality!.variants[1]));
  });

  it('gives top-1 agreement and accuracy exactly on a classifier pair that disagrees on 3 of 8 rows, from a perf_analyzer file', async () => {
    const dir = temp.path();
    const files = await writeModels(dir, { identity, shifted });
    const dataFile = path.join(dir, 'inputs.json');
    await writeFile(dataFile, JSON.stringify(classifierData()));
    const quality = await modelQuality([{ label: 'a', results: urlRun('a', 'clf', 10) }, { label: 'b', results: urlRun('b', 'clf', 10) }], {
      modelFiles: { a: files.identity!, b: files.shifted! },
      qualityData: dataFile,
    });
    assert.deepEqual(quality, {
      inputs: { source: 'quality-data', description: `the 8 requests of ${dataFile}` },
      bar: { minAgreement: 0.99, minCosine: 0.999 },
      variants: [
        { label: 'a', model: 'clf', version: null, file: files.identity, outputs: [{ output: 'Y', kind: 'classes', rows: 8, classes: 2, agreement: 1, accuracy: 7 / 8 }], meetsBar: true },
        { label: 'b', model: 'clf', version: null, file: files.shifted, outputs: [{ output: 'Y', kind: 'classes', rows: 8, classes: 2, agreement: 5 / 8, accuracy: 6 / 8 }], meetsBar: false },
      ],
    });
  });

  it('gives max abs error, mean relative error and cosine exactly on a regression pair', async () => {
    const dir = temp.path();
    const files = await writeModels(dir, { sum, skewed });
    const dataFile = path.join(dir, 'regression.json');
    await writeFile(dataFile, JSON.stringify({ data: [[1, 1], [2, 0], [0, 4], [-1, 3]].map((row) => ({ X: row })) }));
    const quality = await modelQuality([{ label: 'a', results: urlRun('a', 'reg', 10) }, { label: 'b', results: urlRun('b', 'reg', 10) }], {
      modelFiles: { a: files.sum!, b: files.skewed! },
      qualityData: dataFile,
    });
    // sum: [2, 2, 4, 2]; skewed: [2.5, 3, 4, 1.5]. |errors| [0.5, 1, 0, 0.5]; relative [0.25, 0.5, 0, 0.25].
    const b = quality?.variants[1];
    assert.ok(b !== undefined && 'outputs' in b);
    assert.deepEqual(b.outputs, [{ output: 'Y', kind: 'values', elements: 4, maxAbsError: 1, meanRelError: 0.25, cosine: 30 / (Math.sqrt(28) * Math.sqrt(33.5)) }]);
    assert.equal(b.meetsBar, false, 'cosine 0.9795 is below 0.999');
  });

  it("runs models that take no MNIST rows on the run's generated inputs when no file is given", async () => {
    const files = await writeModels(temp.path(), { sum, skewed });
    const quality = await modelQuality([{ label: 'a', results: urlRun('a', 'reg', 10) }, { label: 'b', results: urlRun('b', 'reg', 10) }], { modelFiles: { a: files.sum!, b: files.skewed! }, rows: 64 });
    assert.deepEqual(quality?.inputs, { source: 'run', description: "64 rows of the run's generated inputs (seed 1)" });
    const b = quality?.variants[1];
    const output = b !== undefined && 'outputs' in b ? b.outputs[0] : undefined;
    assert.ok(output !== undefined && output.kind === 'values', JSON.stringify(b));
    // Inputs are uniform in [0, 1]: 1.5·x0 + x1 differs from x0 + x1 by 0.5·x0, at most 0.5.
    assert.equal(output.elements, 64);
    assert.ok(output.maxAbsError > 0 && output.maxAbsError <= 0.5, String(output.maxAbsError));
  });

  it('says a URL target needs --model-file, and refuses a quality-data file that misses an input of the model', async () => {
    const quality = await modelQuality([{ label: 'fp32', results: variantRun('fp32') }, { label: 'remote', results: urlRun('remote', 'mnist-mlp', 10) }], { rows: 10 });
    assert.deepEqual(quality?.variants[1], {
      label: 'remote',
      unavailable: 'variant remote drove http://127.0.0.1:9, whose model file infercap cannot see: give it with --model-file remote=PATH',
    });
    // Two versions on one URL are two model files, neither of which infercap can see.
    const [v1, v2] = [urlRun('v1', 'clf', 10), urlRun('v2', 'clf', 10)];
    v2.target = { ...v2.target, resolved: { ...v2.target.resolved!, version: '2' } };
    const unseen = await modelQuality([{ label: 'v1', results: v1 }, { label: 'v2', results: v2 }]);
    assert.deepEqual(unseen?.variants.map((v) => ('unavailable' in v ? v.unavailable.replace(/ drove .*/, '') : v)), ['variant v1', 'variant v2']);
    const dir = temp.path();
    const files = await writeModels(dir, { identity, shifted });
    const dataFile = path.join(dir, 'wrong.json');
    await writeFile(dataFile, JSON.stringify({ data: [{ X: [1, 2, 3] }] }));
    await assert.rejects(
      modelQuality([{ label: 'a', results: urlRun('a', 'clf', 10) }, { label: 'b', results: urlRun('b', 'clf', 10) }], { modelFiles: { a: files.identity!, b: files.shifted! }, qualityData: dataFile }),
      { code: 'E_INVALID_INPUT_DATA', exitCode: 2, message: `${dataFile}: step 0: input X: holds 3 values; shape [2] takes 2` },
    );
  });
});

describe('infercap compare of two model files', () => {
  it('writes the agreement beside throughput and cost, and a headline that keeps the faster model below the bar', async () => {
    const dir = temp.path();
    const files = await writeModels(dir, { identity, shifted, copy: identity });
    const dataFile = path.join(dir, 'inputs.json');
    await writeFile(dataFile, JSON.stringify(classifierData()));
    const [baseFile, fastFile] = [path.join(dir, 'base.json'), path.join(dir, 'fast.json')];
    await writeFile(baseFile, JSON.stringify(urlRun('base', 'clf', 1000)));
    await writeFile(fastFile, JSON.stringify(urlRun('fast', 'clf', 3000)));
    const options = comparisonOptionsOf({ qualityData: dataFile, modelFile: [`base=${files.identity}`, `fast=${files.shifted}`] }, undefined);
    const { comparison, page } = await compare([baseFile, fastFile], path.join(dir, 'report'), options);
    assert.equal(comparison.recommendation.ship, 'base');
    assert.match(comparison.recommendation.reason, /^fast has 3\.\d{3}× peak throughput per replica but 62\.5% top-1 agreement with base is below the bar \(99% top-1 agreement, cosine 0\.999\)$/);
    assert.ok(comparison.headline.startsWith(`ship base: ${comparison.recommendation.reason} · fast against base: `));
    const html = await readFile(page, 'utf8');
    const table = html.match(/<table class="quality">[\s\S]*?<\/table>/)?.[0] ?? '';
    assert.match(table, /<tr data-output="Y"><td>fast<\/td><td class="text">clf<\/td><td class="text">default<\/td><td class="text">Y<\/td><td data-figure="agreement">62.5%<\/td><td data-figure="accuracy">75%<\/td>/);
    assert.ok(html.includes(`run in ONNX Runtime on the 8 requests of ${dataFile}`));
    const summary = html.match(/<table class="summary">[\s\S]*?<\/table>/)?.[0] ?? '';
    assert.match(summary, /<tr><td>base<\/td><td>[^<]+<\/td><td>1\.000×<\/td><td>[^<]+<\/td><td class="text pass" data-figure="quality">100% top-1 agreement<\/td><td>\$[\d.]+<\/td><td class="text"><span class="badge pass">ship<\/span><\/td><\/tr>/);
    assert.match(summary, /<tr><td>fast<\/td><td>[^<]+<\/td><td>3\.\d{3}×<\/td><td>[^<]+<\/td><td class="text fail" data-figure="quality">62\.5% top-1 agreement<\/td><td>\$[\d.]+<\/td><td class="text"><\/td><\/tr>/);

    const agreeing = comparisonOptionsOf({ qualityData: dataFile, modelFile: [`base=${files.identity}`, `fast=${files.copy}`] }, undefined);
    const again = await compare([baseFile, fastFile], path.join(dir, 'report-2'), agreeing);
    assert.match(again.comparison.recommendation.reason, /^3\.\d{3}× peak throughput per replica, 100% top-1 agreement with base/);
    assert.equal(again.comparison.recommendation.ship, 'fast');
  });

  it('refuses --model-file for a variant the comparison does not have', async () => {
    await assert.rejects(compareRuns([{ label: 'a', results: variantRun('fp32') }, { label: 'b', results: variantRun('int8') }], temp.path(), { modelFiles: { c: '/x' } }), {
      code: 'E_INVALID_OPTION',
      message: '--model-file: no variant is labelled "c"; the variants are a, b',
    });
  });
});
