import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gateExitCode } from '../../../harness/gate/gateExitCode.ts';
import { regressionGate } from '../../../harness/gate/regressionGate.ts';
import type { ThresholdOutcome } from '../../../harness/gate/thresholdOutcome.ts';
import { constantRun } from './syntheticLoad.ts';

const met: ThresholdOutcome = { metric: 'dropped', expression: '== 0', observed: 0, passed: true };
const missed: ThresholdOutcome = { metric: 'dropped', expression: '== 0', observed: null, passed: false, reason: 'no samples' };

describe('gateExitCode', () => {
  it('is 0 when every threshold and the gate passed, 99 when any failed', () => {
    assert.equal(gateExitCode([]), 0);
    assert.equal(gateExitCode([met]), 0);
    assert.equal(gateExitCode([met, missed]), 99);
    assert.equal(gateExitCode([met], regressionGate(constantRun(1), constantRun(1))), 0);
    assert.equal(gateExitCode([met], regressionGate(constantRun(1), constantRun(1.3))), 99);
  });
});
