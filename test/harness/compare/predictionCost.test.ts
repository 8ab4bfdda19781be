import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costPerMillionPredictions, peakPhase, variantCosts } from '../../../harness/compare/predictionCost.ts';
import { formatUsd } from '../../../report/compare/decisionTables.ts';
import { recordPhase, resultsOf, syntheticOutcomes } from '../../harness/results/syntheticRun.ts';

describe('costPerMillionPredictions', () => {
  it('spreads price × replicas per hour over the predictions of that hour', () => {
    // $3.60 an hour for 2 replicas is $0.002 a second; at 1000 predictions/s a million take 1000 s.
    assert.equal(costPerMillionPredictions(3.6, 2, 1000), 2);
    assert.equal(costPerMillionPredictions(0.1, 1, 0), null);
  });
});

describe('variantCosts', () => {
  it('takes the busiest non-warm-up phase as the capacity, rows per request as predictions, and the replicas the run recorded', () => {
    const warmup = recordPhase({ name: 'warmup', kind: 'closed-loop', warmup: true, startMs: 0 }, syntheticOutcomes(9000, 0, 1000), 1000);
    const slow = recordPhase({ name: 'slow', kind: 'open-loop', warmup: false, targetRate: 500, startMs: 1000 }, syntheticOutcomes(1000, 1000, 2000), 3000);
    const busy = recordPhase({ name: 'busy', kind: 'closed-loop', warmup: false, startMs: 3000 }, syntheticOutcomes(4000, 3000, 2000), 5000);
    const results = resultsOf([warmup, slow, busy]);
    results.target = { url: 'http://127.0.0.1:8000', kind: 'url', resolved: { model: 'm', version: null, rows: 8, replicas: 2, batching: null, cache: null } };
    assert.deepEqual(peakPhase(results), { phase: 'busy', throughput: busy.throughput });
    const [cost] = variantCosts([{ label: 'x', results }], 0.5);
    assert.deepEqual(cost, {
      label: 'x',
      replicas: 2,
      rows: 8,
      phase: 'busy',
      throughput: busy.throughput,
      predictionsPerSecond: busy.throughput * 8,
      costPerMillion: (0.5 * 2 * 1e6) / (busy.throughput * 8 * 3600),
    });
  });

  it('counts the replicas it is told of when the results cannot say (a URL target)', () => {
    const busy = recordPhase({ name: 'busy', kind: 'closed-loop', warmup: false, startMs: 0 }, syntheticOutcomes(3000, 0, 1000), 1000);
    const results = resultsOf([busy]);
    assert.equal(results.target.resolved?.replicas, null);
    assert.equal(variantCosts([{ label: 'x', results }], 0.36)[0]!.replicas, 1);
    const [cost] = variantCosts([{ label: 'x', results }], 0.36, 3);
    assert.equal(cost!.replicas, 3);
    assert.equal(cost!.costPerMillion, (0.36 * 3 * 1e6) / (busy.throughput * 3600));
  });
});

describe('formatUsd', () => {
  it('writes four significant digits', () => {
    assert.deepEqual([formatUsd(0.0123456), formatUsd(12.3456), formatUsd(2)], ['$0.01235', '$12.35', '$2']);
  });
});
