import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatQuantityMilli, parseQuantityMilli } from '../../../simulator/policy/quantity.ts';

describe('Kubernetes quantities in milli-units', () => {
  it('reads plain numbers, milli, decimal and binary suffixes, and exponents', () => {
    const milli = (v: number | string) => {
      const parsed = parseQuantityMilli(v);
      assert.ok(parsed.ok, String(v));
      return parsed.milli;
    };
    assert.equal(milli(15), 15000);
    assert.equal(milli('15'), 15000);
    assert.equal(milli('500m'), 500);
    assert.equal(milli('1.5'), 1500);
    assert.equal(milli('2k'), 2_000_000);
    assert.equal(milli('1Ki'), 1_024_000);
    assert.equal(milli('1e3'), 1_000_000);
    // MilliValue rounds up: 0.1m is 1m.
    assert.equal(milli('0.1m'), 1);
    assert.equal(milli(0.1), 100);
  });

  it('says why a value is not a quantity', () => {
    assert.deepEqual(parseQuantityMilli('fast'), { ok: false, problem: '"fast" is not a Kubernetes quantity (e.g. 15, 500m, 1.5, 2k)' });
    assert.deepEqual(parseQuantityMilli(-1), { ok: false, problem: 'must be a non-negative quantity, got -1' });
  });

  it('writes the canonical text back', () => {
    assert.equal(formatQuantityMilli(15000), '15');
    assert.equal(formatQuantityMilli(500), '500m');
    assert.equal(formatQuantityMilli(1500), '1500m');
  });
});
