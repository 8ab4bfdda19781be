import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lognormalCv2, serviceModel, serviceModelFromCalibration } from '../../../simulator/service/serviceModel.ts';
import { compileServiceModel, createServiceSecond, initialServiceState, runService, serviceStep } from '../../../simulator/service/serviceStep.ts';
import { testCalibration } from '../../support/calibration.ts';

// 2 replicas × 10 req/s, 5 queued requests each; 20 ms service time, deterministic (c_s² = 0).
const model = serviceModel({ capacity: 10, queueLimit: 5, serviceTimeMs: { mean: 20, p50: 20, p95: 20, p99: 20 }, cpuRequestCores: 0.5 });
const compiled = compileServiceModel(model);

function stepAll(arrivals: readonly number[], replicas: number) {
  const state = initialServiceState();
  return arrivals.map((a) => {
    const out = createServiceSecond();
    serviceStep(compiled, state, a, replicas, out);
    return out;
  });
}

describe('serviceStep', () => {
  it('below capacity serves every arrival and carries nothing', () => {
    const [second] = stepAll([15], 2);
    assert.ok(second);
    assert.equal(second.served, 15);
    assert.equal(second.backlog, 0);
    assert.equal(second.rejected, 0);
    assert.equal(second.utilization, 0.75);
    // 7.5 req/replica × (0.5 cores / 10 req/s) = 0.375 cores of a 0.5-core request.
    assert.equal(second.cpuUtilization, 75);
  });

  it('above capacity serves replicas × capacity, queues the excess, rejects past the limit, then drains', () => {
    const seconds = stepAll([30, 30, 5, 5, 0], 2);
    assert.deepEqual(
      seconds.map(({ served, backlog, rejected, utilization }) => [served, backlog, rejected, utilization]),
      [
        [20, 10, 0, 1], // excess of 10 queued (limit 2 × 5 = 10)
        [20, 10, 10, 1], // 10 carried + 30 − 20 = 20 waiting, 10 beyond the limit
        [15, 0, 0, 0.75], // load falls: the backlog drains
        [5, 0, 0, 0.25],
        [0, 0, 0, 0],
      ],
    );
    assert.equal(seconds[0]?.cpuUtilization, 100);
  });

  it('latency grows with the backlog and returns to the service time after draining', () => {
    const seconds = stepAll([15, 30, 30, 5, 5], 2);
    const p95 = seconds.map((s) => s.p95);
    assert.ok((p95[1] as number) > (p95[0] as number));
    assert.ok((p95[2] as number) > (p95[1] as number));
    // Second 2 starts with 10 waiting and stays full: the fluid delay alone is 10 / 20 s = 500 ms.
    assert.ok((p95[2] as number) >= 20 + 500);
    // Last second: no backlog, 5 req/s on 20 req/s; the median request does not wait:
    // m = 2 servers, P(wait) ≈ 0.25^(√6 − 1) ≈ 0.13 < 0.5.
    assert.ok((p95[4] as number) < (p95[3] as number));
    assert.equal(seconds[4]?.p50, 20);
    // Draining second (10 carried, 5 arriving on 20 req/s): the median arrival finds 10 − 15 × 0.5 = 2.5 ahead → +125 ms.
    assert.equal(seconds[3]?.p50, 20 + 125);
  });

  it('with no load latency is the service time, and percentiles are ordered', () => {
    const [idle] = stepAll([0], 2);
    assert.deepEqual([idle?.p50, idle?.p95, idle?.p99], [20, 20, 20]);
    const heavy = serviceModel({ capacity: 100, queueLimit: 50, serviceTimeMs: { mean: 22, p50: 20, p95: 40, p99: 60 } });
    const out = createServiceSecond();
    serviceStep(compileServiceModel(heavy), initialServiceState(), 90, 3, out);
    assert.ok(out.p50 <= out.p95 && out.p95 <= out.p99);
  });

  it('is non-decreasing in load for every percentile', () => {
    const heavy = compileServiceModel(serviceModel({ capacity: 100, queueLimit: 50, serviceTimeMs: { mean: 22, p50: 20, p95: 40, p99: 60 }, serviceTimeGrowth: 0.5 }));
    for (const carried of [0, 40]) {
      let previous = createServiceSecond();
      serviceStep(heavy, { backlog: carried }, 0, 3, previous);
      for (let arrivals = 1; arrivals <= 600; arrivals++) {
        const out = createServiceSecond();
        serviceStep(heavy, { backlog: carried }, arrivals, 3, out);
        assert.ok(out.p50 >= previous.p50 && out.p95 >= previous.p95 && out.p99 >= previous.p99, `arrivals ${arrivals}, backlog ${carried}`);
        previous = out;
      }
    }
  });

  it('more replicas lower the latency at equal load', () => {
    const few = createServiceSecond();
    const many = createServiceSecond();
    serviceStep(compiled, initialServiceState(), 18, 2, few);
    serviceStep(compiled, initialServiceState(), 18, 4, many);
    assert.ok(many.p95 < few.p95);
  });

  it('with no ready replica rejects everything, carried backlog included', () => {
    const state = { backlog: 7 };
    const out = createServiceSecond();
    serviceStep(compiled, state, 3, 0, out);
    assert.deepEqual([out.served, out.backlog, out.rejected, state.backlog], [0, 0, 10, 0]);
    assert.ok(Number.isNaN(out.p95));
  });

  it('a shrinking fleet rejects the backlog beyond its new limit', () => {
    const state = { backlog: 10 };
    const out = createServiceSecond();
    serviceStep(compiled, state, 10, 1, out);
    assert.deepEqual([out.served, out.backlog, out.rejected], [10, 5, 5]);
  });
});

describe('serviceModel', () => {
  it('derives c_s² from a lognormal fit and the CPU cost from the request', () => {
    assert.equal(lognormalCv2(20, 20), 0);
    assert.ok(Math.abs(lognormalCv2(1, Math.exp(1.6448536269514722)) - Math.expm1(1)) < 1e-12);
    assert.equal(model.cpuSecondsPerRequest, 0.05);
    assert.throws(() => serviceModel({ capacity: 0, queueLimit: 1, serviceTimeMs: { p50: 1, p95: 2, p99: 3 } }), { exitCode: 2, message: 'service model: capacity: must be greater than 0' });
    assert.throws(() => serviceModel({ capacity: 1, queueLimit: 1, serviceTimeMs: { p50: 3, p95: 2, p99: 3 } }, 'cpu.yaml'), { exitCode: 2, message: 'cpu.yaml: serviceTimeMs: service-time percentiles must satisfy p50 ≤ p95 ≤ p99' });
  });

  it('reads a calibration, falling back to the peak without a knee', () => {
    const calibration = testCalibration({
      maxSustainableThroughput: 80,
      peakThroughput: 120,
      serviceTimeMs: { level: 10, mean: 12, p50: 10, p90: 15, p95: 18, p99: 30, histogram: '' },
      curve: [],
    });
    assert.equal(serviceModelFromCalibration(calibration, { queueLimit: 8 }).capacity, 80);
    assert.equal(serviceModelFromCalibration(calibration, { queueLimit: 8, capacitySource: 'peak' }).capacity, 120);
    const noKnee = serviceModelFromCalibration({ ...calibration, maxSustainableThroughput: null }, { queueLimit: 8 });
    assert.deepEqual([noKnee.capacity, noKnee.serviceTimeMs], [120, { mean: 12, p50: 10, p95: 18, p99: 30 }]);
  });
});

describe('runService', () => {
  it('fills the series and totals', () => {
    const served = new Float64Array(5);
    const rejected = new Float64Array(5);
    const totals = runService(compiled, [30, 30, 5, 5, 0], new Uint16Array([2, 2, 2, 2, 2]), { served, rejected });
    assert.deepEqual([...served], [20, 20, 15, 5, 0]);
    assert.deepEqual([...rejected], [0, 10, 0, 0, 0]);
    assert.deepEqual(totals, { arrivals: 70, served: 60, rejected: 10, backlog: 0 });
  });

  it('runs 7.5 M seconds (timing printed, not asserted)', () => {
    const seconds = 7_500_000;
    const arrivals = new Float64Array(seconds);
    const replicas = new Uint16Array(seconds);
    for (let t = 0; t < seconds; t++) {
      arrivals[t] = Math.round(300 + 250 * Math.sin((2 * Math.PI * t) / 86_400));
      replicas[t] = 4;
    }
    const calibrated = compileServiceModel(serviceModel({ capacity: 120, queueLimit: 64, serviceTimeMs: { mean: 22, p50: 20, p95: 40, p99: 60 } }));
    const p95 = new Float32Array(seconds);
    const started = performance.now();
    const totals = runService(calibrated, arrivals, replicas, { p95 });
    const elapsed = performance.now() - started;
    console.log(`service model: ${seconds} seconds in ${elapsed.toFixed(0)} ms`);
    assert.ok(Math.abs(totals.arrivals - totals.served - totals.rejected - totals.backlog) < 1e-3 * totals.arrivals);
    assert.ok(totals.rejected > 0);
  });
});
