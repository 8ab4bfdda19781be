import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareFidelity, relativeError, simulatedSeconds } from '../../../harness/fidelity/compareFidelity.ts';
import type { FidelityFigures } from '../../../harness/fidelity/fidelityResults.ts';
import type { Series } from '../../../simulator/simulate/simulationResults.ts';

const figures = (throughput: number, rejected: number, p50: number | null, p95: number | null, p99: number | null): FidelityFigures => ({ throughput, rejected, p50, p95, p99 });

describe('relativeError', () => {
  it('is (simulated − real) / real, 0 when both are 0, null when only real is 0 or either is missing', () => {
    assert.equal(relativeError(9, 8), 0.125);
    assert.equal(relativeError(6, 8), -0.25);
    assert.equal(relativeError(0, 0), 0);
    assert.equal(relativeError(1, 0), null);
    assert.equal(relativeError(null, 8), null);
    assert.equal(relativeError(8, null), null);
  });
});

describe('compareFidelity', () => {
  const arrivals = [10, 20, 0];
  const real = [figures(10, 0, 2, 4, 5), figures(16, 4, 3, 8, 12), figures(0, 0, null, null, null)];
  const simulated = [figures(10, 0, 2, 5, 6), figures(18, 2, 3, 6, 9), figures(0, 0, null, null, null)];

  it('aligns the seconds, computes the totals\' errors and the per-second agreement, and judges the goals', () => {
    const comparison = compareFidelity({
      arrivals,
      real: { totals: figures(8, 4, 2, 8, 12), seconds: real },
      simulated: { totals: figures(8.25, 2, 2, 9, 9), seconds: simulated },
    });
    assert.deepEqual(comparison.seconds.map((s) => [s.t, s.arrivals, s.real.throughput, s.simulated.throughput]), [[0, 10, 10, 10], [1, 20, 16, 18], [2, 0, 0, 0]]);
    assert.deepEqual(comparison.totals.error, { throughput: 0.03125, rejected: -0.5, p50: 0, p95: 0.125, p99: -0.25 });
    // Throughput: Σ|sim − real| / Σ real = 2 / 26; p95: mean of |0.25| and |−0.25| (the quiet second has none).
    assert.deepEqual(comparison.perSecondError, { throughput: 2 / 26, p95: 0.25 });
    assert.deepEqual(comparison.goals, { throughput: 0.05, p95: 0.15 });
    assert.deepEqual(comparison.verdict, { throughput: true, p95: true, met: true });
  });

  it('fails a goal whose |error| exceeds it, and one whose error is unknown', () => {
    const comparison = compareFidelity({
      arrivals,
      real: { totals: figures(8, 0, 2, 8, 12), seconds: real },
      simulated: { totals: figures(8.5, 0, 2, 10, 9), seconds: simulated },
      goals: { throughput: 0.1, p95: 0.2 },
    });
    assert.deepEqual(comparison.verdict, { throughput: true, p95: false, met: false });
    const unknown = compareFidelity({ arrivals, real: { totals: figures(8, 0, 2, null, 12), seconds: real }, simulated: { totals: figures(8, 0, 2, 8, 9), seconds: simulated } });
    assert.equal(unknown.totals.error.p95, null);
    assert.deepEqual(unknown.verdict, { throughput: true, p95: false, met: false });
  });

  it('refuses sides of different lengths', () => {
    assert.throws(() => compareFidelity({ arrivals, real: { totals: real[0]!, seconds: real.slice(1) }, simulated: { totals: simulated[0]!, seconds: simulated } }), RangeError);
  });
});

describe('simulatedSeconds', () => {
  const series = (stepSeconds: number): Series => ({
    stepSeconds,
    time: [0, 1],
    load: [5, 7],
    served: [5, 6],
    rejected: [0, 1],
    desiredReplicas: [1, 1],
    readyReplicas: [1, 1],
    utilization: [0.5, 0.6],
    cpuUtilization: [50, 60],
    p50: [1, null],
    p95: [2, null],
    p99: [3, null],
    costSoFar: [0, 0],
  });

  it('reads one point per second, a missing percentile as null', () => {
    assert.deepEqual(simulatedSeconds(series(1)), [figures(5, 0, 1, 2, 3), figures(6, 1, null, null, null)]);
  });

  it('refuses a downsampled series', () => {
    assert.throws(() => simulatedSeconds(series(2)), /one per second/);
  });
});
