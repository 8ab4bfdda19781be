// Request bodies decoded by the reference server's own parser (parseInferBody, parseInferRequest) give
// back exactly the tensors they were built from, for every V2 datatype, in JSON and in Triton's binary
// tensor data (BYTES as 4-byte little-endian lengths and bytes, as Triton's binary extension documents);
// one header length serves a whole run.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInferBody } from '../../../reference-server/http/inferBody.ts';
import { parseInferRequest } from '../../../reference-server/http/inferRequest.ts';
import type { NamedTensor } from '../../../reference-server/inference/tensor.ts';
import { datatypes } from '../../../reference-server/tensors/datatypes.ts';
import { binaryHeaderLength, binaryRequestBody, jsonRequestBody } from '../../../harness/workload/inferRequestBody.ts';
import { planInputs } from '../../../harness/workload/inputPlan.ts';
import { createTensorSource } from '../../../harness/workload/tensorSource.ts';
import type { ModelSignature } from '../../../harness/target/modelSignature.ts';

const signature: ModelSignature = { model: 'identity', inputs: datatypes.map((datatype) => ({ name: `in_${datatype}`, datatype, shape: [-1, 3], batched: true })) };
const target = { signature: { inputs: signature.inputs, outputs: [] }, plan: { batchedInputs: signature.inputs.map(() => true), maxBatchSize: 64 } };
const limits = { maxDepth: 64, maxArrayElements: 1_000_000 };

function decode(body: string | Buffer, headerLength?: number): readonly NamedTensor[] {
  const parsed = parseInferBody(Buffer.from(body), headerLength, limits);
  return parseInferRequest(parsed.json, target, Number.POSITIVE_INFINITY, parsed.binary).inputs;
}

const plain = (tensors: readonly NamedTensor[]) => tensors.map((tensor) => ({ ...tensor, shape: [...tensor.shape], data: Array.from(tensor.data as ArrayLike<unknown>) }));

describe('request bodies', () => {
  const source = () => createTensorSource(planInputs(signature, 'random', 2), 3);

  it('JSON bodies decode to the tensors they were built from, every datatype, 64-bit integers exact', () => {
    const next = source();
    for (let i = 0; i < 3; i++) {
      const tensors = next();
      assert.deepEqual(plain(decode(jsonRequestBody(tensors))), plain(tensors));
    }
  });

  it('binary bodies decode to the same tensors, with one padded header length for every request', () => {
    const next = source();
    const headerLength = binaryHeaderLength(next());
    assert.equal(headerLength % 8, 0);
    for (let i = 0; i < 3; i++) {
      const tensors = next();
      const body = binaryRequestBody(tensors, headerLength);
      assert.deepEqual(plain(decode(body, headerLength)), plain(tensors));
    }
  });

  it('writes BYTES elements as a 4-byte little-endian length and their bytes', () => {
    const tensor: NamedTensor = { name: 'in_BYTES', datatype: 'BYTES', shape: [1, 2], data: ['ab', ''] };
    const headerLength = binaryHeaderLength([tensor]);
    const body = binaryRequestBody([tensor], headerLength);
    assert.deepEqual([...body.subarray(headerLength)], [2, 0, 0, 0, 0x61, 0x62, 0, 0, 0, 0]);
    assert.match(body.subarray(0, headerLength).toString(), /^\{"inputs":\[\{"name":"in_BYTES","shape":\[1,2\],"datatype":"BYTES","parameters":\{"binary_data_size":10\}\}\]\} *$/);
    assert.throws(() => binaryRequestBody([{ ...tensor, name: 'in_BYTES_renamed_longer' }], headerLength), /exceeds the planned/);
  });
});
