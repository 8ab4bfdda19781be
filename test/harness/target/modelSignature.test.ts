// A model's signature from V2 metadata and Triton's model config, as Triton, KServe and MLServer answer
// them: the batch dim is the one Triton's dims leave out (max_batch_size > 0); without a config, a
// dynamic first dim; Triton's int64 dims may come as strings (protobuf's JSON mapping).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signatureFromMetadata } from '../../../harness/target/modelSignature.ts';

describe('signatureFromMetadata', () => {
  it("takes the batch dim from Triton's config: dims one shorter than the metadata shape", () => {
    const metadata = {
      name: 'stateful',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [
        { name: 'audio', datatype: 'FP32', shape: [-1, 4] },
        { name: 'rate', datatype: 'INT64', shape: [] },
      ],
    };
    const config = { name: 'stateful', max_batch_size: 8, input: [{ name: 'audio', data_type: 'TYPE_FP32', dims: ['4'] }, { name: 'rate', data_type: 'TYPE_INT64', dims: [] }] };
    assert.deepEqual(signatureFromMetadata('stateful', metadata, config), {
      model: 'stateful',
      maxBatchSize: 8,
      inputs: [
        { name: 'audio', datatype: 'FP32', shape: [-1, 4], batched: true },
        { name: 'rate', datatype: 'INT64', shape: [], batched: false },
      ],
    });
  });

  it('takes sizes the config gives for dims the metadata leaves dynamic', () => {
    const metadata = { inputs: [{ name: 'image', datatype: 'FP32', shape: [-1, 3, -1, -1] }] };
    const signature = signatureFromMetadata('conv', metadata, { max_batch_size: 4, input: [{ name: 'image', dims: [3, 224, 224] }] });
    assert.deepEqual(signature, { model: 'conv', maxBatchSize: 4, inputs: [{ name: 'image', datatype: 'FP32', shape: [-1, 3, 224, 224], batched: true }] });
  });

  it('max_batch_size 0: no input is batched, even with a dynamic first dim', () => {
    const metadata = { inputs: [{ name: 'points', datatype: 'FP32', shape: [-1, 2] }] };
    const signature = signatureFromMetadata('m', metadata, { max_batch_size: 0, input: [{ name: 'points', dims: [-1, 2] }] });
    assert.deepEqual(signature, { model: 'm', maxBatchSize: 0, inputs: [{ name: 'points', datatype: 'FP32', shape: [-1, 2], batched: false }] });
  });

  it('without a config (KServe, MLServer), a dynamic first dim is the batch dim', () => {
    const metadata = { inputs: [{ name: 'x', datatype: 'FP16', shape: [-1, 4] }, { name: 'y', datatype: 'BYTES', shape: [3] }] };
    assert.deepEqual(signatureFromMetadata('m', metadata), {
      model: 'm',
      inputs: [
        { name: 'x', datatype: 'FP16', shape: [-1, 4], batched: true },
        { name: 'y', datatype: 'BYTES', shape: [3], batched: false },
      ],
    });
  });

  it('says what is unusable', () => {
    assert.equal(signatureFromMetadata('m', {}), 'the metadata lists no inputs');
    assert.equal(signatureFromMetadata('m', { inputs: [{ name: 'x', datatype: 'BF16', shape: [1] }] }), 'input "x" has no usable name, datatype (BF16) and shape');
  });
});
