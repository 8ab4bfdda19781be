// The tensor source is a pure function of plan, seed and recorded steps: the same inputs give the same
// tensors (so a run's inputs can be regenerated without a server), each input has its own random
// stream, a sequence continues across requests, recorded steps go round robin `rows` at a time, and the
// MNIST pool source gives the very rows the request feed sends.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelSignature } from '../../../harness/target/modelSignature.ts';
import { planInputs } from '../../../harness/workload/inputPlan.ts';
import { createRequestFeed } from '../../../harness/workload/requestFeed.ts';
import { createPoolTensorSource, createTensorSource, type DataStep } from '../../../harness/workload/tensorSource.ts';

const signature: ModelSignature = {
  model: 'm',
  inputs: [
    { name: 'a', datatype: 'FP32', shape: [-1, 3], batched: true },
    { name: 'b', datatype: 'INT32', shape: [-1, 2], batched: true },
    { name: 'rate', datatype: 'INT64', shape: [], batched: false },
  ],
};
const values = (tensor: { data: ArrayLike<unknown> }) => Array.from(tensor.data);

describe('createTensorSource', () => {
  it('gives the same tensors for the same plan and seed, and others for another seed', () => {
    const plan = planInputs(signature, undefined, 2);
    const [first, second, other] = [createTensorSource(plan, 5), createTensorSource(plan, 5), createTensorSource(plan, 6)];
    for (let i = 0; i < 3; i++) {
      const [x, y, z] = [first(), second(), other()];
      assert.deepEqual(x, y);
      assert.notDeepEqual(values(x[0]!), values(z[0]!));
    }
  });

  it('shapes batched inputs [rows, ...] and leaves an unbatched scalar as it is', () => {
    const tensors = createTensorSource(planInputs(signature, { rate: { constant: 3 } }, 4), 1)();
    assert.deepEqual(tensors.map((tensor) => [tensor.name, tensor.datatype, tensor.shape]), [['a', 'FP32', [4, 3]], ['b', 'INT32', [4, 2]], ['rate', 'INT64', []]]);
    assert.deepEqual(values(tensors[2]!), [3n]);
  });

  it("gives each input its own random stream: respecifying one input leaves the others' values unchanged", () => {
    const before = createTensorSource(planInputs(signature, undefined, 1), 9)();
    const after = createTensorSource(planInputs(signature, { b: { sequence: { start: 1, step: 2 } } }, 1), 9)();
    assert.deepEqual(values(after[0]!), values(before[0]!));
    assert.deepEqual(values(after[1]!), [1, 3]);
  });

  it('continues a sequence across requests and keeps random integers within [min, max], defaults [0, 100]', () => {
    const next = createTensorSource(planInputs(signature, { a: { sequence: { start: 0.5, step: 0.5 } }, b: { random: { distribution: 'uniform', min: -2, max: 2 } } }, 2), 1);
    assert.deepEqual(values(next()[0]!), [0.5, 1, 1.5, 2, 2.5, 3]);
    assert.deepEqual(values(next()[0]!), [3.5, 4, 4.5, 5, 5.5, 6]);
    const drawn = Array.from({ length: 50 }, () => values(next()[1]!) as number[]).flat();
    assert.deepEqual([Math.min(...drawn), Math.max(...drawn)], [-2, 2]);
    const defaults = Array.from({ length: 50 }, () => values(createTensorSource(planInputs(signature, undefined, 8), 3)()[1]!) as number[]).flat();
    assert.ok(defaults.every((value) => Number.isInteger(value) && value >= 0 && value <= 100));
  });

  it('takes recorded steps round robin, rows consecutive steps per request, an unbatched input from the first of them', () => {
    const step = (k: number): DataStep =>
      new Map([
        ['a', { data: Float32Array.of(k, k, k), shape: [3] }],
        ['rate', { data: BigInt64Array.of(BigInt(k)), shape: [] }],
      ]);
    const plan = planInputs(signature, { b: 'zeros' }, 2, ['a', 'rate']);
    const next = createTensorSource(plan, 1, { origin: 'steps.json', steps: [step(0), step(1), step(2)] });
    const requests = Array.from({ length: 3 }, () => next());
    assert.deepEqual(requests.map((tensors) => values(tensors[0]!)), [[0, 0, 0, 1, 1, 1], [2, 2, 2, 0, 0, 0], [1, 1, 1, 2, 2, 2]]);
    assert.deepEqual(requests.map((tensors) => values(tensors[2]!)), [[0n], [2n], [1n]]);
    assert.deepEqual(requests[0]![1]!.shape, [2, 2]);
  });
});

describe('createPoolTensorSource', () => {
  it('gives the rows the request feed sends, first value marking later passes through the pool', () => {
    const pool = { rows: Float32Array.from({ length: 6 }, (_, i) => i / 8), count: 3 };
    const feed = createRequestFeed({ inputName: 'input', width: 2, rowsPerRequest: 2, pool, repeatRatio: 0, seed: 1 });
    const source = createPoolTensorSource('input', 2, 2, pool);
    for (let i = 0; i < 4; i++) {
      const sent = JSON.parse(feed().body) as { inputs: { data: number[]; shape: number[] }[] };
      const tensor = source()[0]!;
      assert.deepEqual([tensor.shape, values(tensor)], [sent.inputs[0]!.shape, sent.inputs[0]!.data]);
    }
  });
});
