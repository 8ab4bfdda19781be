import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { thresholdOutcomesOf } from '../../../harness/gate/thresholdOutcome.ts';
import { resultsOf } from '../results/syntheticRun.ts';

describe('thresholdOutcomesOf', () => {
  it('reads back the outcomes stored in a results file', () => {
    const outcome = { metric: 'dropped', expression: '== 0', observed: 0, passed: true };
    const results = { ...resultsOf([]), thresholds: [outcome] };
    assert.deepEqual(thresholdOutcomesOf(results, 'cur.json'), [outcome]);
  });

  it('names the file, entry and field of an outcome that is not one (exit code 2)', () => {
    const results = { ...resultsOf([]), thresholds: [{ metric: 'latency', expression: 'p(95) < 1ms', observed: 1, passed: 'yes' }] };
    assert.throws(() => thresholdOutcomesOf(results, 'cur.json'), {
      code: 'E_INVALID_RESULTS',
      exitCode: 2,
      message: 'cur.json: thresholds[0].passed: Invalid input: expected boolean, received string',
    });
  });
});
