import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { predictionCacheKey, type CacheKeyInput } from '../../../reference-server/cache/cacheKey.ts';

const input = (data: number[], shape: number[] = [1, data.length], name = 'input'): CacheKeyInput => ({
  name,
  shape,
  datatype: 'FP32',
  data: Float32Array.from(data),
});

describe('predictionCacheKey', () => {
  it('gives the same key for the same model, version and input bytes, in fresh arrays', () => {
    assert.equal(
      predictionCacheKey('mnist', 'fp32', [input([0.5, 1, 2, 3])]),
      predictionCacheKey('mnist', 'fp32', [input([0.5, 1, 2, 3])]),
    );
  });

  it('is the prefix infercap:v1: and a base64url SHA-256', () => {
    assert.match(predictionCacheKey('mnist', 'fp32', [input([1])]), /^infercap:v1:[A-Za-z0-9_-]{43}$/);
  });

  // The expected key was computed independently (Python: struct + hashlib) from the documented encoding.
  it('pins the encoding: changing it must bump the v1 prefix, or a shared Redis would serve stale keys', () => {
    assert.equal(
      predictionCacheKey('mnist', 'fp32', [input([0.5, 1, 2, 3], [2, 2], 'pixels')]),
      'infercap:v1:5hGFecMtoV749lDeL9fwx57Iy7yRl7UQSwCFQU4POrQ',
    );
  });

  it('differs for another version, another model, another input name or datatype', () => {
    const base = predictionCacheKey('mnist', 'fp32', [input([1, 2])]);
    assert.notEqual(predictionCacheKey('mnist', 'int8', [input([1, 2])]), base);
    assert.notEqual(predictionCacheKey('mnist2', 'fp32', [input([1, 2])]), base);
    assert.notEqual(predictionCacheKey('mnist', 'fp32', [input([1, 2], [1, 2], 'other')]), base);
    assert.notEqual(predictionCacheKey('mnist', 'fp32', [{ ...input([1, 2]), datatype: 'FP16' }]), base);
  });

  it('differs for another shape holding the same bytes', () => {
    const data = [1, 2, 3, 4];
    const keys = [[1, 4], [2, 2], [4, 1], [4], [1, 1, 4]].map((shape) => predictionCacheKey('m', '1', [input(data, shape)]));
    assert.equal(new Set(keys).size, keys.length);
  });

  it('differs when a single bit of the input changes', () => {
    const changed = input([0.5, 1, 2, 3]);
    new Uint8Array((changed.data as Float32Array).buffer)[9]! ^= 0b1;
    assert.notEqual(predictionCacheKey('m', '1', [changed]), predictionCacheKey('m', '1', [input([0.5, 1, 2, 3])]));
  });

  it('differs for 0 and -0, whose bytes differ', () => {
    assert.notEqual(predictionCacheKey('m', '1', [input([0])]), predictionCacheKey('m', '1', [input([-0])]));
  });

  it('keeps string boundaries: model "ab" version "c" is not model "a" version "bc"', () => {
    assert.notEqual(predictionCacheKey('ab', 'c', [input([1])]), predictionCacheKey('a', 'bc', [input([1])]));
  });

  it('keeps tensor boundaries: [1,2] + [3] is not [1] + [2,3]', () => {
    assert.notEqual(
      predictionCacheKey('m', '1', [input([1, 2], [2], 'a'), input([3], [1], 'b')]),
      predictionCacheKey('m', '1', [input([1], [1], 'a'), input([2, 3], [2], 'b')]),
    );
  });

  it('hashes only the bytes of the view, not the rest of the buffer it lies in', () => {
    const backing = Float32Array.from([9, 9, 1, 2, 3, 9]);
    const view: CacheKeyInput = { name: 'input', shape: [1, 3], datatype: 'FP32', data: backing.subarray(2, 5) };
    assert.equal(predictionCacheKey('m', '1', [view]), predictionCacheKey('m', '1', [input([1, 2, 3])]));
  });

  it('does not depend on the order of the inputs, which the protocol addresses by name', () => {
    const a = input([1], [1], 'a');
    const b = input([2], [1], 'b');
    assert.equal(predictionCacheKey('m', '1', [a, b]), predictionCacheKey('m', '1', [b, a]));
  });
});
