import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ModelSignature } from '../../../reference-server/inference/tensor.ts';
import { planServing } from '../../../reference-server/registry/servingPlan.ts';

const defaults = { batching: true, maxBatchSize: 32, maxQueueDelayMs: 2, modelInstances: 1 };
const signature = (inputs: number[][], outputs: number[][]): ModelSignature => ({
  inputs: inputs.map((shape, i) => ({ name: `in${i}`, datatype: 'FP32', shape })),
  outputs: outputs.map((shape, i) => ({ name: `out${i}`, datatype: 'FP32', shape })),
});

describe('planServing', () => {
  it('batches inputs with a dynamic first dimension, passing scalars and fixed inputs whole', () => {
    const plan = planServing(signature([[-1, 4], [], [3, 3]], [[-1, 2]]), {}, defaults, '/nowhere');
    assert.deepEqual(plan.batchedInputs, [true, false, false]);
    assert.equal(plan.maxBatchSize, 32);
    assert.equal(plan.dynamicBatching, true);
  });

  it('serves a model without a batch dimension unbatched, like max_batch_size 0', () => {
    const plan = planServing(signature([[3, 2]], [[3, 2]]), {}, defaults, '/nowhere');
    assert.deepEqual({ batched: plan.batchedInputs, max: plan.maxBatchSize, dynamic: plan.dynamicBatching }, { batched: [false], max: 0, dynamic: false });
    const outputFixed = planServing(signature([[-1, 2]], [[1, 2]]), {}, defaults, '/nowhere');
    assert.equal(outputFixed.maxBatchSize, 0);
  });

  it("takes the config's batching, delays, instances and shape hints, and refuses one that does not fit the model", () => {
    const sig = signature([[-1, 3, -1]], [[-1, 2]]);
    const plan = planServing(sig, { max_batch_size: 8, dynamic_batching: { max_queue_delay_microseconds: 1500, preferred_batch_size: [8, 4] }, instance_group: [{ count: 2 }], input: [{ name: 'in0', dims: [3, 16] }] }, { ...defaults, batching: false }, '/nowhere');
    assert.deepEqual(
      { max: plan.maxBatchSize, dynamic: plan.dynamicBatching, delay: plan.maxQueueDelayMs, preferred: plan.preferredBatchSizes, instances: plan.instances, hints: plan.shapeHints },
      { max: 8, dynamic: true, delay: 1.5, preferred: [4, 8], instances: 2, hints: { in0: [1, 3, 16] } },
    );
    assert.throws(() => planServing(sig, { input: [{ name: 'in0', dims: [4, 16] }] }, defaults, '/nowhere'), /dims \[4, 16\] do not fit the model's \[3, -1\]/);
    assert.throws(() => planServing(signature([[3]], [[3]]), { max_batch_size: 4 }, defaults, '/nowhere'), /has no batch dimension/);
    assert.throws(() => planServing(sig, { input: [{ name: 'nope' }] }, defaults, '/nowhere'), /config input "nope": the model has no such input/);
    assert.throws(() => planServing(sig, { max_batch_size: 4, dynamic_batching: { preferred_batch_size: [8] } }, defaults, '/nowhere'), /preferred_batch_size 8 exceeds max_batch_size 4/);
  });
});
