import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serveArguments } from '../../../harness/target/serveArguments.ts';

describe('serveArguments', () => {
  it('writes every kind of option as the flag infercap serve reads', () => {
    assert.deepEqual(
      serveArguments({ models: ['mnist-wide', 'mnist-mlp'], maxBatchSize: 32, batching: false, allowSpinning: true, defaultVersions: { 'mnist-wide': 'int8' }, cache: 'off' }),
      ['--models', 'mnist-wide', '--models', 'mnist-mlp', '--max-batch-size', '32', '--no-batching', '--allow-spinning', '--default-version', 'mnist-wide=int8', '--cache', 'off'],
    );
  });
});
