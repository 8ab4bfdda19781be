import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRequestFeed, randomRowPool, requestFeedHeaders } from '../../../harness/workload/requestFeed.ts';

const width = 4;
const pool = { rows: Float32Array.from([0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11]), count: 3 };
const dataOf = (body: string) => JSON.parse(body).inputs[0].data as number[];

describe('createRequestFeed', () => {
  it('builds V2 bodies of the requested rows from the pool, in order', () => {
    const next = createRequestFeed({ inputName: 'input', width, rowsPerRequest: 2, pool, repeatRatio: 0, seed: 1 });
    const first = JSON.parse(next().body);
    assert.deepEqual(first.inputs[0].shape, [2, 4]);
    assert.equal(first.inputs[0].name, 'input');
    assert.deepEqual(first.inputs[0].data, [0, 1, 2, 3, 0, 5, 6, 7]);
  });

  it('keeps fresh rows distinct after the pool is used up, changing only the first value', () => {
    const next = createRequestFeed({ inputName: 'input', width, rowsPerRequest: 1, pool, repeatRatio: 0, seed: 1 });
    const bodies = Array.from({ length: 9 }, () => next().body);
    assert.equal(new Set(bodies).size, 9);
    assert.deepEqual(dataOf(bodies[3]!), [1 / 16_777_216, 1, 2, 3]);
    assert.deepEqual(dataOf(bodies[7]!), [2 / 16_777_216, 5, 6, 7]);
  });

  it('repeats earlier bodies at the scripted ratio, deterministically for a seed', () => {
    const make = () => createRequestFeed({ inputName: 'input', width, rowsPerRequest: 1, pool, repeatRatio: 0.5, seed: 7 });
    const a = make();
    const b = make();
    const items = Array.from({ length: 4000 }, () => a());
    assert.deepEqual(Array.from({ length: 4000 }, () => b()), items);
    const repeats = items.filter((item) => item.repeat);
    assert.ok(Math.abs(repeats.length / items.length - 0.5) < 0.03, `repeat share ${repeats.length / items.length}`);
    const fresh = new Set(items.filter((item) => !item.repeat).map((item) => item.body));
    assert.equal(fresh.size, items.length - repeats.length);
    assert.ok(repeats.every((item) => fresh.has(item.body)));
  });

  it('never repeats with a ratio of 0', () => {
    const next = createRequestFeed({ inputName: 'input', width, rowsPerRequest: 1, pool, repeatRatio: 0, seed: 3 });
    assert.ok(Array.from({ length: 100 }, () => next()).every((item) => !item.repeat));
  });
});

describe('randomRowPool', () => {
  it('is seeded and in [0, 1) on a 1/1024 grid', () => {
    const a = randomRowPool(8, 5, 42);
    assert.deepEqual(a, randomRowPool(8, 5, 42));
    assert.notDeepEqual(a.rows, randomRowPool(8, 5, 43).rows);
    assert.ok(Array.from(a.rows).every((v) => v >= 0 && v < 1 && Number.isInteger(v * 1024)));
  });

  it("with encoding binary sends the same rows as Triton's binary tensor data, behind a header of constant length", () => {
    const options = { inputName: 'input', width, rowsPerRequest: 2, pool, repeatRatio: 0, seed: 1, encoding: 'binary' as const };
    const headers = requestFeedHeaders(options);
    const headerLength = Number(headers['inference-header-content-length']);
    assert.equal(headers['content-type'], 'application/octet-stream');
    assert.equal(headerLength % 8, 0, 'the rows start aligned');
    const next = createRequestFeed(options);
    const bodies = [next().body, next().body] as Buffer[];
    for (const body of bodies) {
      assert.deepEqual(JSON.parse(body.subarray(0, headerLength).toString()), {
        inputs: [{ name: 'input', shape: [2, 4], datatype: 'FP32', parameters: { binary_data_size: 32 } }],
      });
      assert.equal(body.length, headerLength + 32);
    }
    const values = (body: Buffer) => Array.from(new Float32Array(Uint8Array.from(body.subarray(headerLength)).buffer));
    assert.deepEqual(values(bodies[0]!), [0, 1, 2, 3, 0, 5, 6, 7]);
    assert.deepEqual(values(bodies[1]!), [0, 9, 10, 11, 1 / 16_777_216, 1, 2, 3]);
    assert.deepEqual(requestFeedHeaders({ ...options, encoding: 'json' }), {});
  });
});
