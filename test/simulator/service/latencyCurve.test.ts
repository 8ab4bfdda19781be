import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { curveOf, serviceModel, serviceModelFromCalibration } from '../../../simulator/service/serviceModel.ts';
import { compileServiceModel, createServiceSecond, initialServiceState, serviceStep } from '../../../simulator/service/serviceStep.ts';
import type { Calibration } from '../../../harness/sweep/calibration.ts';
import { testCalibration } from '../../support/calibration.ts';

const calibration = testCalibration({
  maxSustainableThroughput: 300,
  peakThroughput: 320,
  serviceTimeMs: { level: 50, mean: 4, p50: 4, p90: 6, p95: 7, p99: 9, histogram: '' },
  curve: [
    { level: 50, throughput: 100, p50: 4, p95: 7, p99: 9 },
    { level: 150, throughput: 200, p50: 6, p95: 12, p99: 20 },
    { level: 250, throughput: 300, p50: 10, p95: 30, p99: 60 },
    // Past saturation: throughput falls; kept out of the curve.
    { level: 350, throughput: 290, p50: 200, p95: 900, p99: 1500 },
  ],
});

describe('the measured latency curve model', () => {
  it('keeps the curve up to its highest throughput', () => {
    assert.deepEqual(curveOf(calibration), [
      { throughput: 100, p50: 4, p95: 7, p99: 9 },
      { throughput: 200, p50: 6, p95: 12, p99: 20 },
      { throughput: 300, p50: 10, p95: 30, p99: 60 },
    ]);
  });

  it('ends the curve at the knee: a level past it served more, but its latency holds a queue that grew', () => {
    const pastKnee: Calibration = { ...calibration, peakThroughput: 340, curve: [...calibration.curve.slice(0, 3), { level: 400, throughput: 340, p50: 300, p95: 600, p99: 900, sustainable: false }] };
    assert.deepEqual(curveOf(pastKnee).map((point) => point.throughput), [100, 200, 300]);
    // A sweep that found no knee has no point to end at: its whole curve is kept.
    assert.deepEqual(curveOf({ ...pastKnee, maxSustainableThroughput: null }).map((point) => point.throughput), [100, 200, 300, 340]);
  });

  it('pools a noisy reading with its neighbours instead of carrying it to every level above', () => {
    const noisy: Calibration = {
      ...calibration,
      curve: [
        { level: 50, throughput: 100, p50: 4, p95: 7, p99: 9 },
        // One level's p95 and p99 read high (a stall during its windows); the level above read them lower.
        { level: 150, throughput: 200, p50: 6, p95: 30, p99: 80 },
        { level: 250, throughput: 300, p50: 10, p95: 12, p99: 20 },
      ],
    };
    assert.deepEqual(curveOf(noisy), [
      { throughput: 100, p50: 4, p95: 7, p99: 9 },
      { throughput: 200, p50: 6, p95: 21, p99: 50 },
      { throughput: 300, p50: 10, p95: 21, p99: 50 },
    ]);
  });

  it('interpolates the percentiles at the served rate per replica, flat outside the measured range', () => {
    const compiled = compileServiceModel(serviceModelFromCalibration(calibration, { queueLimit: 100, latencyModel: 'curve' }));
    const out = createServiceSecond();
    // 2 replicas serving 300 req/s: 150 per replica, halfway between the first two points.
    serviceStep(compiled, initialServiceState(), 300, 2, out);
    assert.deepEqual([out.p50, out.p95, out.p99], [5, 9.5, 14.5]);
    serviceStep(compiled, initialServiceState(), 20, 1, out);
    assert.deepEqual([out.p50, out.p95, out.p99], [4, 7, 9]);
    // At capacity (300 per replica) with no backlog carried: the last point, no fluid delay yet.
    serviceStep(compiled, initialServiceState(), 300, 1, out);
    assert.deepEqual([out.p50, out.p95, out.p99], [10, 30, 60]);
  });

  it('adds the fluid backlog delay of overload on top of the curve', () => {
    const compiled = compileServiceModel(serviceModelFromCalibration(calibration, { queueLimit: 1000, latencyModel: 'curve' }));
    const out = createServiceSecond();
    // 600 arriving at 300/s: the queue grows by 300 over the second; the p50 arrival finds 150 ahead, 500 ms of work.
    serviceStep(compiled, initialServiceState(), 600, 1, out);
    assert.equal(out.p50, 10 + 500);
  });

  it('rejects a curve that is not increasing in throughput', () => {
    assert.throws(
      () => serviceModel({ capacity: 10, queueLimit: 1, serviceTimeMs: { p50: 1, p95: 2, p99: 3 }, latencyCurve: [{ throughput: 5, p50: 1, p95: 2, p99: 3 }, { throughput: 5, p50: 1, p95: 2, p99: 3 }] }),
      { exitCode: 2, message: 'service model: latencyCurve: throughputs must increase from one point to the next' },
    );
  });
});
