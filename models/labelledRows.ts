// A labelled data set as flat typed arrays, and the pure operations on it (row selection, a
// seeded train/test split), kept free of I/O so they are tested on tiny hand-made sets.

import { permutation, createRng } from '../common/prng.ts';

/** `count` rows of `width` features each, row-major, with one class label per row. */
export interface LabelledRows {
  readonly rows: Float32Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** The rows at `indices`, in that order. */
export function selectRows(data: LabelledRows, indices: ArrayLike<number>): LabelledRows {
  const width = data.count === 0 ? 0 : data.rows.length / data.count;
  const rows = new Float32Array(indices.length * width);
  const labels = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const source = indices[i]!;
    rows.set(data.rows.subarray(source * width, (source + 1) * width), i * width);
    labels[i] = data.labels[source]!;
  }
  return { rows, labels, count: indices.length };
}

/** A train split and a test split that together hold every row exactly once. */
export interface TrainTestSplit {
  readonly train: LabelledRows;
  readonly test: LabelledRows;
}

/**
 * Shuffles the rows with a generator seeded by `seed` and puts the first `testCount` in the test
 * split, the rest in the train split. The same data and seed always give the same split.
 */
export function splitTrainTest(data: LabelledRows, testCount: number, seed: number): TrainTestSplit {
  if (!Number.isInteger(testCount) || testCount < 0 || testCount > data.count) {
    throw new RangeError(`testCount must be an integer in [0, ${data.count}], got ${testCount}`);
  }
  const order = permutation(data.count, createRng(seed));
  return {
    test: selectRows(data, order.subarray(0, testCount)),
    train: selectRows(data, order.subarray(testCount)),
  };
}
