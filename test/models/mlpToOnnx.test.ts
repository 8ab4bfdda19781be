import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as ort from 'onnxruntime-node';
import { maxAbsDifference } from '../../models/classificationMetrics.ts';
import { loadMnistTestSplit } from '../../models/mnistDigits.ts';
import { createMlp, forwardMlp } from '../../models/mlp.ts';
import { mlpToOnnx } from '../../models/mlpToOnnx.ts';
import { onnx, readFloat32Tensor, toNumber, type ValueInfoProto } from '../../models/onnxProto.ts';
import { createRng } from '../../common/prng.ts';

const exportOf = (sizes: number[], seed: number) => {
  const mlp = createMlp(sizes, createRng(seed));
  mlp.layers.forEach((layer, l) => layer.bias.forEach((_, i) => (layer.bias[i] = ((i % 5) - 2) * 0.01 * (l + 1))));
  return { mlp, bytes: mlpToOnnx(mlp, { graphName: 'test-mlp', description: 'a test model' }) };
};

describe('mlpToOnnx', () => {
  it('writes the graph the server expects: input [batch, 784], output probabilities [batch, 10]', () => {
    const { mlp, bytes } = exportOf([784, 16, 10], 1);
    const model = onnx.ModelProto.decode(bytes);
    assert.equal(toNumber(model.irVersion), 8);
    assert.deepEqual(model.opsetImport.map((entry) => [entry.domain, toNumber(entry.version)]), [['', 17]]);
    assert.equal(model.producerName, 'infercap');
    const graph = model.graph!;
    assert.equal(graph.name, 'test-mlp');
    assert.deepEqual(graph.node!.map((node) => node.opType), ['MatMul', 'Add', 'Relu', 'MatMul', 'Add', 'Softmax']);
    const dims = (info: ValueInfoProto) => info.type!.tensorType!.shape!.dim!.map((dim) => dim.dimParam || toNumber(dim.dimValue));
    assert.deepEqual(graph.input!.map((input) => [input.name, input.type!.tensorType!.elemType, dims(input)]), [['input', 1, ['batch', 784]]]);
    assert.deepEqual(graph.output!.map((output) => [output.name, output.type!.tensorType!.elemType, dims(output)]), [['probabilities', 1, ['batch', 10]]]);
    assert.deepEqual(
      graph.initializer!.map((tensor) => tensor.name),
      ['layer1.weight', 'layer1.bias', 'layer2.weight', 'layer2.bias'],
    );
    assert.deepEqual(readFloat32Tensor(graph.initializer![0]!), mlp.layers[0]!.weights);
  });

  it('is deterministic: the same weights give the same bytes', () => {
    assert.deepEqual(exportOf([784, 16, 10], 3).bytes, exportOf([784, 16, 10], 3).bytes);
  });

  for (const sizes of [
    [784, 64, 10],
    [784, 48, 32, 10],
  ]) {
    it(`runs in onnxruntime-node with the same probabilities as the TypeScript forward pass (${sizes.join('-')})`, async () => {
      const { mlp, bytes } = exportOf(sizes, 7);
      const test = loadMnistTestSplit();
      const count = 300;
      const rows = test.rows.slice(0, count * 784);
      const session = await ort.InferenceSession.create(bytes);
      try {
        assert.deepEqual(session.inputNames, ['input']);
        assert.deepEqual(session.outputNames, ['probabilities']);
        const output = await session.run({ input: new ort.Tensor('float32', rows, [count, 784]) });
        const probabilities = output.probabilities!;
        assert.deepEqual(probabilities.dims, [count, 10]);
        assert.ok(maxAbsDifference(probabilities.data as Float32Array, forwardMlp(mlp, rows, count)) < 1e-4);
        const single = await session.run({ input: new ort.Tensor('float32', rows.slice(0, 784), [1, 784]) });
        assert.deepEqual(single.probabilities!.dims, [1, 10]);
      } finally {
        await session.release();
      }
    });
  }
});
