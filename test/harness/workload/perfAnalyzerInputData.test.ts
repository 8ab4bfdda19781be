// perf_analyzer's --input-data JSON (triton-inference-server/perf_analyzer docs/input_data.md): its own
// examples parse; what we write reads back to the same tensors for every V2 datatype, as content and as
// b64; sequence streams and malformed tensors are refused with the step and input named.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { datatypes, datatypeInfo, type Datatype, type TensorData } from '../../../reference-server/tensors/datatypes.ts';
import { toFloat16Bits } from '../../../reference-server/tensors/float16.ts';
import { readInputData } from '../../../harness/workload/inputData.ts';
import { parseInputDataJson, writeInputDataJson, type WritableStep } from '../../../harness/workload/perfAnalyzerInputData.ts';
import type { ModelSignature } from '../../../harness/target/modelSignature.ts';
import { useTempDir } from '../../support/tempDir.ts';

describe('parseInputDataJson', () => {
  it("reads the documentation's examples: flat arrays, b64, content with shape", () => {
    const ones = Array(16).fill(1);
    const flat = parseInputDataJson(JSON.stringify({ data: [{ INPUT0: ones, INPUT1: ones }, { INPUT0: ones, INPUT1: ones }] }));
    assert.ok(Array.isArray(flat));
    assert.equal(flat.length, 2);
    assert.deepEqual(flat[1]!.get('INPUT1'), { values: ones });
    const b64 = parseInputDataJson('{"data":[{"INPUT0":{"b64":"YmFzZTY0IGRlY29kZXI="}}]}');
    assert.ok(Array.isArray(b64));
    assert.equal(Buffer.from(b64[0]!.get('INPUT0')!.bytes!).toString(), 'base64 decoder');
    const shaped = parseInputDataJson(JSON.stringify({ data: [{ INPUT: { content: ones, shape: [2, 8] } }, { INPUT: { content: ones } }] }));
    assert.ok(Array.isArray(shaped));
    assert.deepEqual(shaped[0]!.get('INPUT'), { values: ones, shape: [2, 8] });
    assert.deepEqual(shaped[1]!.get('INPUT'), { values: ones });
  });

  it('refuses sequence streams and malformed tensors, naming step and input', () => {
    assert.deepEqual(parseInputDataJson('{"data":[[{"INPUT":["1"]}]]}'), {
      step: 0,
      problem: 'is a list: sequence streams (lists of steps per correlation ID) are not supported; give one list of steps',
    });
    assert.deepEqual(parseInputDataJson('{"data":[{"A":[1]},{"A":{"contents":[1]}}]}'), { step: 1, input: 'A', problem: 'has neither "content" nor "b64" (keys: contents)' });
    assert.deepEqual(parseInputDataJson('{"data":[{"A":{"content":[1],"shape":[-1]}}]}'), { step: 0, input: 'A', problem: '"shape" must be a list of non-negative integers' });
    assert.deepEqual(parseInputDataJson('{"steps":[]}'), { problem: 'must be an object with a "data" list of steps, as perf_analyzer --input-data reads' });
    assert.match((parseInputDataJson('{"data":') as { problem: string }).problem, /^is not JSON: /);
  });
});

describe('the input-data format round-trips', () => {
  const dir = useTempDir('infercap-input-data');
  const samples: Record<Datatype, readonly unknown[]> = {
    BOOL: [1, 0, 0, 1],
    UINT8: [0, 255, 7, 1],
    UINT16: [1, 65_535, 2, 3],
    UINT32: [2, 4_294_967_295, 0, 9],
    UINT64: [0n, 2n ** 64n - 1n, 5n, 6n],
    INT8: [-128, 127, 0, 1],
    INT16: [-32_768, 32_767, 0, 2],
    INT32: [-2_147_483_648, 7, 0, 3],
    INT64: [-(2n ** 63n), 42n, 0n, 2n ** 63n - 1n],
    FP16: [0.1, -65504, 1, 2].map(toFloat16Bits),
    FP32: [0.1, -3.4e38, 1, 2],
    FP64: [0.1, 1e300, 1, 2],
    BYTES: ['héllo', '', 'a', 'bc'],
  };
  const data = (datatype: Datatype): TensorData => {
    const array = datatypeInfo[datatype].array;
    return array === undefined ? [...(samples[datatype] as string[])] : (array as unknown as { from(values: readonly unknown[]): TensorData }).from(samples[datatype]);
  };
  const signature: ModelSignature = { model: 'identity', inputs: datatypes.map((datatype) => ({ name: `in_${datatype}`, datatype, shape: [-1, -1, -1], batched: true })) };

  for (const encoding of ['content', 'b64'] as const) {
    it(`every datatype, written as ${encoding}, reads back to the same tensors and shapes`, () => {
      const steps: WritableStep[] = [
        new Map(datatypes.map((datatype) => [`in_${datatype}`, { datatype, shape: [2, 2], data: data(datatype) }])),
        new Map(datatypes.map((datatype) => [`in_${datatype}`, { datatype, shape: [1, 4], data: data(datatype) }])),
      ];
      const file = path.join(dir.path(), `round-trip-${encoding}.json`);
      fs.writeFileSync(file, writeInputDataJson(steps, encoding));
      const read = readInputData(file, signature, undefined);
      assert.equal(read.steps.length, 2);
      for (const [index, step] of read.steps.entries()) {
        for (const datatype of datatypes) {
          const tensor = step.get(`in_${datatype}`)!;
          assert.deepEqual(tensor.shape, steps[index]!.get(`in_${datatype}`)!.shape, datatype);
          assert.deepEqual(Array.from(tensor.data as ArrayLike<unknown>), Array.from(data(datatype) as ArrayLike<unknown>), `${encoding} ${datatype}`);
        }
      }
      // Reading and writing again gives the same text.
      assert.equal(writeInputDataJson(read.steps.map((step) => new Map([...step].map(([name, tensor]) => [name, { ...tensor, datatype: name.slice(3) as Datatype }]))), encoding), fs.readFileSync(file, 'utf8'));
    });
  }
});
