import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { qualityInputsOf, validationValues } from '../../../harness/compare/qualityInputs.ts';
import type { ModelSignature } from '../../../harness/target/modelSignature.ts';
import { loadMnistTestSplit } from '../../../models/index.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-quality-inputs');
const mnist: ModelSignature = { model: 'm', inputs: [{ name: 'input', datatype: 'FP32', shape: [-1, 784], batched: true }] };
const pair: ModelSignature = { model: 'p', inputs: [{ name: 'X', datatype: 'FP32', shape: [-1, 2], batched: true }] };

async function fileOf(name: string, document: unknown): Promise<string> {
  const file = path.join(temp.path(), name);
  await writeFile(file, JSON.stringify(document));
  return file;
}

describe('qualityInputsOf', () => {
  it('gives the MNIST test digits in order, 500 rows a run, with their labels', () => {
    const inputs = qualityInputsOf(mnist, { rows: 1, inputs: undefined, inputData: undefined }, 1, { limit: 1200 });
    assert.equal(inputs.source, 'mnist');
    assert.equal(inputs.description, '1,200 digits of the MNIST test split');
    assert.deepEqual(inputs.requests.map((r) => r[0]!.shape), [[500, 784], [500, 784], [200, 784]]);
    const split = loadMnistTestSplit();
    assert.deepEqual(inputs.requests[2]![0]!.data, split.rows.slice(1000 * 784, 1200 * 784));
    assert.deepEqual(inputs.labelsFor('probabilities', 1200, 10), split.labels.subarray(0, 1200));
    assert.equal(inputs.labelsFor('probabilities', 1200, 2), undefined, 'no labels for outputs that are not the digits');
  });

  it('reads a quality-data file step by step, with labels from validation_data', async () => {
    const file = await fileOf('data.json', { data: [{ X: [1, 2] }, { X: { content: [3, 4], shape: [2] } }], validation_data: [{ Y: [1] }, { Y: [0] }] });
    const inputs = qualityInputsOf(pair, { rows: 1, inputs: undefined, inputData: undefined }, 1, { qualityData: file });
    assert.equal(inputs.description, `the 2 requests of ${file}`);
    assert.deepEqual(inputs.requests.map((r) => [r[0]!.shape, [...(r[0]!.data as Float32Array)]]), [[[1, 2], [1, 2]], [[1, 2], [3, 4]]]);
    assert.deepEqual(inputs.labelsFor('Y', 2, 2), [1, 0]);
  });

  it("regenerates the run's random rows exactly as the run sent them", () => {
    const a = qualityInputsOf(pair, { rows: 4, inputs: 'random', inputData: undefined }, 7, { limit: 10 });
    const b = qualityInputsOf(pair, { rows: 4, inputs: 'random', inputData: undefined }, 7, { limit: 10 });
    assert.equal(a.description, "the run's 10 seeded random rows (seed 7)");
    assert.deepEqual(a.requests, b.requests);
    assert.notDeepEqual(qualityInputsOf(pair, { rows: 4, inputs: 'random', inputData: undefined }, 8, { limit: 10 }).requests, a.requests);
  });
});

describe('validationValues', () => {
  it('concatenates each output over the steps: class indices, or scores whose argmax is the label', async () => {
    const file = await fileOf('labels.json', { data: [{ X: [0] }, { X: [1] }], validation_data: [{ Y: [0.1, 0.9], Z: [3] }, { Y: [0.8, 0.2], Z: [7] }] });
    assert.deepEqual(validationValues(file, 2), new Map([['Y', [0.1, 0.9, 0.8, 0.2]], ['Z', [3, 7]]]));
    const inputs = qualityInputsOf(pair, { rows: 1, inputs: undefined, inputData: undefined }, 1, { qualityData: await fileOf('two.json', { data: [{ X: [0, 1] }, { X: [1, 0] }], validation_data: [{ Y: [0.1, 0.9] }, { Y: [0.8, 0.2] }] }) });
    assert.deepEqual(Array.from(inputs.labelsFor('Y', 2, 2)!), [1, 0]);
    assert.deepEqual(validationValues(await fileOf('none.json', { data: [{ X: [0] }] }), 1), new Map());
  });
});
