import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { perReplicaCalibration } from '../../../harness/sweep/perReplicaCalibration.ts';
import { testCalibration } from '../../support/calibration.ts';

const fleet = testCalibration({
  model: 'mnist-wide',
  p99BudgetMs: 1000,
  maxSustainableThroughput: 300,
  peakThroughput: 340,
  serviceTimeMs: { level: 36, mean: 33, p50: 31, p90: 35, p95: 37, p99: 41, histogram: '' },
  curve: [
    { level: 36, throughput: 36, p50: 31, p95: 37, p99: 41 },
    { level: 300, throughput: 298, p50: 60, p95: 90, p99: 120, sustainable: true },
  ],
});

describe('perReplicaCalibration', () => {
  it('divides every rate of a fleet of 2 by 2 and keeps every latency as measured', () => {
    assert.deepEqual(perReplicaCalibration(fleet, 2), {
      ...fleet,
      maxSustainableThroughput: 150,
      peakThroughput: 170,
      serviceTimeMs: { ...fleet.serviceTimeMs, level: 18 },
      curve: [
        { level: 18, throughput: 18, p50: 31, p95: 37, p99: 41 },
        { level: 150, throughput: 149, p50: 60, p95: 90, p99: 120, sustainable: true },
      ],
    });
  });

  it('leaves a calibration of one replica as it is, and no knee stays no knee', () => {
    assert.equal(perReplicaCalibration(fleet, 1), fleet);
    assert.equal(perReplicaCalibration({ ...fleet, maxSustainableThroughput: null }, 4).maxSustainableThroughput, null);
  });
});
