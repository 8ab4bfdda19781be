import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResults } from '../../../harness/results/resultsFile.ts';
import { resultsOf } from '../results/syntheticRun.ts';

describe('thresholdOutcomeSchema, as part of the run results schema', () => {
  it('reads back the outcomes stored in a results file', () => {
    const outcome = { metric: 'dropped', expression: '== 0', observed: 0, passed: true };
    const results = { ...resultsOf([]), thresholds: [outcome] };
    assert.deepEqual(parseResults('cur.json', results, ['run']).thresholds, [outcome]);
  });

  it('names the file, entry and field of an outcome that is not one (exit code 2)', () => {
    const results = { ...resultsOf([]), thresholds: [{ metric: 'latency', expression: 'p(95) < 1ms', observed: 1, passed: 'yes' }] };
    assert.throws(() => parseResults('cur.json', results, ['run']), {
      code: 'E_INVALID_RESULTS',
      exitCode: 2,
      message: 'cur.json: thresholds[0].passed: Invalid input: expected boolean, received string',
    });
  });
});
