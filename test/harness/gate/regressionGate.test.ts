import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regressionGate, type GateStatistic } from '../../../harness/gate/regressionGate.ts';
import { constantRun, syntheticRun } from './syntheticLoad.ts';

const statistic = (statistics: readonly GateStatistic[], name: string) => statistics.find((s) => s.name === name)!;

describe('regressionGate', () => {
  it('fails a 30% slowdown of every second, with exact ratios when every second is the same', () => {
    const verdict = regressionGate(constantRun(1), constantRun(1.3));
    assert.equal(verdict.passed, false);
    assert.deepEqual(statistic(verdict.statistics, 'p50'), {
      name: 'p50',
      worse: 'higher',
      baseline: 1,
      current: 1.3,
      ratio: 1.3,
      ciLow: 1.3,
      ciHigh: 1.3,
      significant: true,
      exceedsMargin: true,
      regressed: true,
      intervals: { baseline: 10, current: 10 },
    });
    // The pause adds no seconds of zero throughput; the open-loop rate is unchanged.
    assert.deepEqual(statistic(verdict.statistics, 'throughput'), {
      name: 'throughput',
      worse: 'lower',
      baseline: 10,
      current: 10,
      ratio: 1,
      ciLow: 1,
      ciHigh: 1,
      significant: false,
      exceedsMargin: false,
      regressed: false,
      intervals: { baseline: 10, current: 10 },
    });
    assert.deepEqual(verdict.lines, [
      'Regression gate FAILED on p50, p95, p99 (margin 10%; bootstrap 95% CI of medians over 1-s intervals)',
      'p50: 1 ms → 1.3 ms, +30.0% (95% CI +30.0% … +30.0%): regression beyond the 10% margin',
      'p95: 1 ms → 1.3 ms, +30.0% (95% CI +30.0% … +30.0%): regression beyond the 10% margin',
      'p99: 1 ms → 1.3 ms, +30.0% (95% CI +30.0% … +30.0%): regression beyond the 10% margin',
      'throughput: 10/s → 10/s, 0.0% (95% CI 0.0% … 0.0%): no significant change',
    ]);
  });

  it('passes a significant regression that is exactly the margin, and fails one just above it', () => {
    const atMargin = regressionGate(constantRun(1), constantRun(1.1));
    assert.equal(atMargin.passed, true);
    const p99 = statistic(atMargin.statistics, 'p99');
    assert.deepEqual([p99.significant, p99.exceedsMargin, p99.regressed], [true, false, false]);
    assert.equal(atMargin.lines[3], 'p99: 1 ms → 1.1 ms, +10.0% (95% CI +10.0% … +10.0%): significant regression, within the 10% margin');

    assert.equal(regressionGate(constantRun(1), constantRun(1.101)).passed, false);
    assert.equal(regressionGate(constantRun(1), constantRun(1.101), { maxRegression: 0.2 }).passed, true);
  });

  it('fails an injected 30% slowdown under realistic per-request and per-second noise', () => {
    for (const seed of [1, 2, 3]) {
      const verdict = regressionGate(syntheticRun({ seed }), syntheticRun({ seed: seed + 100, slowdown: 1.3 }));
      assert.equal(verdict.passed, false, verdict.lines.join('\n'));
      const regressed = verdict.statistics.filter((s) => s.regressed).map((s) => s.name);
      assert.deepEqual(regressed, ['p50', 'p95', 'p99'], verdict.lines.join('\n'));
    }
  });

  it('passes two runs drawn from the same distribution, whatever the seeds', () => {
    for (let pair = 0; pair < 10; pair++) {
      const verdict = regressionGate(syntheticRun({ seed: 1000 + 2 * pair }), syntheticRun({ seed: 1001 + 2 * pair }));
      assert.equal(verdict.passed, true, verdict.lines.join('\n'));
    }
  });

  it('passes a 5% slowdown with the default 10% margin', () => {
    for (const seed of [7, 8, 9]) {
      const verdict = regressionGate(syntheticRun({ seed }), syntheticRun({ seed: seed + 100, slowdown: 1.05 }));
      assert.equal(verdict.passed, true, verdict.lines.join('\n'));
    }
  });

  it('fails a 30% drop in successful responses per second on throughput', () => {
    const verdict = regressionGate(syntheticRun({ seed: 5 }), syntheticRun({ seed: 6, errorShare: 0.3 }));
    assert.deepEqual(verdict.statistics.filter((s) => s.regressed).map((s) => s.name), ['throughput']);
    assert.equal(verdict.passed, false);
  });

  it('reports a significant improvement and passes', () => {
    const verdict = regressionGate(constantRun(1), constantRun(0.7));
    assert.equal(verdict.passed, true);
    assert.equal(verdict.lines[1], 'p50: 1 ms → 0.7 ms, -30.0% (95% CI -30.0% … -30.0%): significant improvement');
  });

  it('ignores warm-up phases', () => {
    const verdict = regressionGate(syntheticRun({ seed: 11, seconds: 20 }), syntheticRun({ seed: 11, seconds: 20, warmupSlowdown: 3 }));
    assert.equal(verdict.passed, true);
    for (const s of verdict.statistics) assert.equal(s.ratio, 1, s.name);
  });

  it('gives the same verdict for the same inputs', () => {
    const baseline = syntheticRun({ seed: 21, seconds: 20 });
    const current = syntheticRun({ seed: 22, seconds: 20, slowdown: 1.1 });
    assert.deepEqual(regressionGate(baseline, current), regressionGate(baseline, current));
  });

  it('fails a current run too short to judge, naming why', () => {
    const verdict = regressionGate(constantRun(1), constantRun(1, 3));
    assert.equal(verdict.passed, false);
    assert.deepEqual(statistic(verdict.statistics, 'p95'), {
      name: 'p95',
      worse: 'higher',
      baseline: 1,
      current: 1,
      ratio: null,
      ciLow: null,
      ciHigh: null,
      significant: false,
      exceedsMargin: false,
      regressed: true,
      intervals: { baseline: 10, current: 3 },
      reason: 'the current run has 3 usable 1-second intervals, the gate needs at least 5',
    });
    assert.equal(verdict.lines[2], 'p95: 1 ms → 1 ms: the current run has 3 usable 1-second intervals, the gate needs at least 5');
  });

  it('fails a current run that got no answer', () => {
    const verdict = regressionGate(constantRun(1), constantRun(0.05, 10, { failure: 'connection' }));
    assert.equal(verdict.passed, false);
    assert.equal(statistic(verdict.statistics, 'p50').current, null);
    assert.equal(verdict.lines[1], 'p50: 1 ms → no data: the current run has 0 usable 1-second intervals, the gate needs at least 5');
    const throughput = statistic(verdict.statistics, 'throughput');
    assert.deepEqual([throughput.current, throughput.ratio, throughput.regressed], [0, 0, true]);
  });

  it('refuses runs it cannot compare (exit code 2)', () => {
    const renamed = constantRun(1);
    renamed.phases[1] = { ...renamed.phases[1]!, name: 'plateau' };
    assert.throws(() => regressionGate(constantRun(1), renamed), {
      code: 'E_GATE_PHASE_MISMATCH',
      exitCode: 2,
      message:
        'baseline and current runs have different non-warm-up phases with traffic (baseline: steady; current: plateau); gate two runs of the same scenario, or record a new baseline',
    });
    assert.throws(() => regressionGate(constantRun(1, 4), constantRun(1)), {
      code: 'E_GATE_TOO_FEW_INTERVALS',
      exitCode: 2,
      message:
        "baseline: p50: 4 usable 1-second intervals of non-warm-up traffic, the regression gate needs at least 5; lengthen the scenario's phases and record a new baseline",
    });
    assert.throws(() => regressionGate(constantRun(1, 10, { status: 503, failure: 'status' }), constantRun(1)), {
      code: 'E_GATE_BASELINE_UNUSABLE',
      exitCode: 2,
      message: 'baseline: throughput: the median over 1-second intervals is 0/s; record a baseline from a healthy run',
    });
  });

  it('rejects invalid options', () => {
    const run = constantRun(1);
    assert.throws(() => regressionGate(run, run, { maxRegression: -0.05 }), {
      code: 'E_INVALID_OPTION',
      message: '--max-regression: must be a percentage ≥ 0, e.g. 10%; got -5%',
    });
    assert.throws(() => regressionGate(run, run, { confidence: 1 }), { code: 'E_INVALID_OPTION' });
    assert.throws(() => regressionGate(run, run, { resamples: 10 }), { code: 'E_INVALID_OPTION' });
    assert.throws(() => regressionGate(run, run, { minIntervals: 1 }), { code: 'E_INVALID_OPTION' });
  });
});
