import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadMnistSplits, loadMnistTestSplit, readMnistDigits } from '../../models/mnistDigits.ts';

const countByClass = (labels: Uint8Array) => {
  const counts = new Array<number>(10).fill(0);
  for (const label of labels) counts[label]! += 1;
  return counts;
};

describe('readMnistDigits', () => {
  it('reads the 10,000 digits of the mnist package, 784 pixels each, in [0, 1]', () => {
    const digits = readMnistDigits();
    assert.equal(digits.count, 10_000);
    assert.equal(digits.rows.length, 10_000 * 784);
    assert.deepEqual(countByClass(digits.labels), [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    let min = Infinity;
    let max = -Infinity;
    for (const value of digits.rows) {
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    assert.equal(min, 0);
    assert.equal(max, 1);
  });
});

describe('loadMnistSplits', () => {
  it('splits 8,000 train and 2,000 test digits that together are all the digits', () => {
    const { train, test } = loadMnistSplits();
    assert.equal(train.count, 8000);
    assert.equal(test.count, 2000);
    const all = countByClass(readMnistDigits().labels);
    const split = countByClass(train.labels).map((count, digit) => count + countByClass(test.labels)[digit]!);
    assert.deepEqual(split, all);
  });

  it('is the fixed seeded split (pinned by its first labels and class counts)', () => {
    const test = loadMnistTestSplit();
    assert.deepEqual([...test.labels.subarray(0, 12)], [1, 6, 7, 8, 2, 6, 8, 7, 1, 8, 4, 4]);
    assert.deepEqual(countByClass(test.labels), [200, 220, 200, 192, 205, 178, 209, 220, 195, 181]);
    assert.equal(test.rows.length, 2000 * 784);
  });
});
