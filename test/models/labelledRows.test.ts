import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectRows, splitTrainTest, type LabelledRows } from '../../models/labelledRows.ts';

/** Ten rows of width 2: row i is [i, -i] with label i % 3. */
const data: LabelledRows = {
  rows: Float32Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? i / 2 : -(i - 1) / 2)),
  labels: Uint8Array.from({ length: 10 }, (_, i) => i % 3),
  count: 10,
};

describe('selectRows', () => {
  it('copies the rows and labels at the given indices, in order', () => {
    const picked = selectRows(data, [3, 0, 3]);
    assert.deepEqual([...picked.rows], [3, -3, 0, -0, 3, -3]);
    assert.deepEqual([...picked.labels], [0, 0, 0]);
    assert.equal(picked.count, 3);
  });
});

describe('splitTrainTest', () => {
  it('puts every row in exactly one split', () => {
    const { train, test } = splitTrainTest(data, 3, 11);
    assert.equal(train.count, 7);
    assert.equal(test.count, 3);
    const firsts = [...train.rows.filter((_, i) => i % 2 === 0), ...test.rows.filter((_, i) => i % 2 === 0)];
    assert.deepEqual(firsts.sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    assert.deepEqual(splitTrainTest(data, 3, 11), splitTrainTest(data, 3, 11));
    assert.notDeepEqual(splitTrainTest(data, 3, 11).test.rows, splitTrainTest(data, 3, 12).test.rows);
  });

  it('refuses a test count larger than the data', () => {
    assert.throws(() => splitTrainTest(data, 11, 1), RangeError);
  });
});
