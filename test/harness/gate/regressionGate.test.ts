import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { regressionGate, type GateStatistic, type GateVerdict } from '../../../harness/gate/regressionGate.ts';
import { constantRun, syntheticRun } from './syntheticLoad.ts';

const statistic = (verdict: GateVerdict, name: string): GateStatistic => verdict.statistics.find((s) => s.name === name)!;
const regressedOf = (verdict: GateVerdict) => verdict.statistics.filter((s) => s.regressed).map((s) => s.name);

describe('regressionGate', () => {
  it('fails a 30% slowdown with exact figures when every second is alike, and declines the percentiles it has too few samples for', () => {
    const verdict = regressionGate(constantRun(1), constantRun(1.3));
    assert.equal(verdict.passed, false);
    assert.deepEqual(statistic(verdict, 'p50'), {
      name: 'p50',
      worse: 'higher',
      change: 'ratio',
      margin: 0.1,
      baseline: 1,
      current: 1.3,
      samples: { baseline: 100, current: 100 },
      judged: true,
      estimate: 1.3,
      ciLow: 1.3,
      ciHigh: 1.3,
      significant: true,
      exceedsMargin: true,
      regressed: true,
    });
    // The pause adds no seconds of zero throughput; the open-loop rate is unchanged.
    assert.deepEqual(statistic(verdict, 'throughput'), {
      name: 'throughput',
      worse: 'lower',
      change: 'ratio',
      margin: 0.1,
      baseline: 10,
      current: 10,
      samples: { baseline: 10, current: 10 },
      judged: true,
      estimate: 1,
      ciLow: 1,
      ciHigh: 1,
      significant: false,
      exceedsMargin: false,
      regressed: false,
    });
    assert.deepEqual(verdict.lines, [
      'Regression gate FAILED on p50 (margins 10% for latency and throughput, 1 pp for error rate and dropped share)',
      'p50: 1 ms → 1.3 ms, +30.0% (95% CI +30.0% … +30.0%): regression beyond the 10% margin',
      'p95: 1 ms → 1.3 ms: not judged: the baseline has 100 latency samples, p95 needs at least 200 in each run',
      'p99: 1 ms → 1.3 ms: not judged: the baseline has 100 latency samples, p99 needs at least 1000 in each run',
      'p99.9: 1 ms → 1.3 ms: not judged: the baseline has 100 latency samples, p99.9 needs at least 10000 in each run',
      'throughput: 10/s → 10/s, 0.0% (95% CI 0.0% … 0.0%): no significant change',
      'error rate: 0% → 0%, 0.00 pp (95% CI 0.00 pp … 0.00 pp): no significant change',
      'dropped share: 0% → 0%, 0.00 pp (95% CI 0.00 pp … 0.00 pp): no significant change',
      'method: 95% CI from 2000 circular block-bootstrap resamples of 1-s intervals, stratified by phase (blocks, baseline / current: steady 3 s / 3 s)',
    ]);
    assert.deepEqual([statistic(verdict, 'p99').judged, statistic(verdict, 'p99').regressed], [false, false]);
  });

  it("judges the run's own percentiles: with every second weighted once they are the results file's", () => {
    const baseline = syntheticRun({ seed: 31, seconds: 30 });
    const current = syntheticRun({ seed: 32, seconds: 30 });
    const verdict = regressionGate(baseline, current);
    const phase = (run: typeof baseline) => run.phases.find((p) => p.name === 'steady')!.latency;
    for (const [name, key] of [['p50', 'p50'], ['p95', 'p95'], ['p99', 'p99'], ['p99.9', 'p999']] as const) {
      assert.equal(statistic(verdict, name).baseline, phase(baseline)[key], name);
      assert.equal(statistic(verdict, name).current, phase(current)[key], name);
    }
    // 30 s at 200/s are 6,000 samples: enough for p99, not for p99.9.
    assert.equal(statistic(verdict, 'p99').judged, true);
    assert.equal(statistic(verdict, 'p99.9').reason, 'not judged: the baseline has 6000 latency samples, p99.9 needs at least 10000 in each run');
  });

  it('passes a significant regression that is exactly the margin, and fails one just above it', () => {
    const atMargin = regressionGate(constantRun(1), constantRun(1.1));
    assert.equal(atMargin.passed, true);
    const p50 = statistic(atMargin, 'p50');
    assert.deepEqual([p50.significant, p50.exceedsMargin, p50.regressed], [true, false, false]);
    assert.equal(atMargin.lines[1], 'p50: 1 ms → 1.1 ms, +10.0% (95% CI +10.0% … +10.0%): significant regression, within the 10% margin');
    assert.equal(regressionGate(constantRun(1), constantRun(1.101)).passed, false);
    assert.equal(regressionGate(constantRun(1), constantRun(1.101), { maxRegression: 0.2 }).passed, true);
  });

  it('fails a 30% slowdown under realistic per-request and per-second noise', () => {
    for (const seed of [1, 2, 3]) {
      const verdict = regressionGate(syntheticRun({ seed, seconds: 30 }), syntheticRun({ seed: seed + 100, seconds: 30, slowdown: 1.3 }));
      assert.equal(verdict.passed, false, verdict.lines.join('\n'));
      assert.ok(statistic(verdict, 'p50').regressed, verdict.lines.join('\n'));
    }
  });

  it('fails a 300 ms stall every third second, which a median over seconds would not see', () => {
    const verdict = regressionGate(syntheticRun({ seed: 41, seconds: 30 }), syntheticRun({ seed: 42, seconds: 30, stallMs: 300 }));
    assert.equal(verdict.passed, false, verdict.lines.join('\n'));
    assert.deepEqual(regressedOf(verdict), ['p95', 'p99'], verdict.lines.join('\n'));
    // Two seconds in three are untouched, so the median second's p99 barely moves: the old gate passed this.
    const medianSecondP99 = (run: ReturnType<typeof syntheticRun>) => {
      const phase = run.phases.find((p) => p.name === 'steady')!;
      const values = phase.series.filter((i) => i.t < 30).map((i) => i.latency.p99!).sort((a, b) => a - b);
      return values[Math.floor(values.length / 2)]!;
    };
    const moved = medianSecondP99(syntheticRun({ seed: 42, seconds: 30, stallMs: 300 })) / medianSecondP99(syntheticRun({ seed: 41, seconds: 30 }));
    assert.ok(moved < 1.1, `median second's p99 moved ${moved}`);
  });

  it('fails 9% fast 503s on the error rate, although they make latency look better', () => {
    const verdict = regressionGate(syntheticRun({ seed: 5, seconds: 30 }), syntheticRun({ seed: 6, seconds: 30, errorShare: 0.09, errorLatencyMs: 0.2 }));
    assert.equal(verdict.passed, false);
    assert.deepEqual(regressedOf(verdict), ['error rate'], verdict.lines.join('\n'));
    const errors = statistic(verdict, 'error rate');
    assert.equal(errors.baseline, 0);
    assert.ok(errors.ciLow! > 0.07 && errors.ciHigh! < 0.11, verdict.lines.join('\n'));
    // A 9 % loss of successful responses stays within the 10 % throughput margin: only the error rate catches it.
    assert.equal(statistic(verdict, 'throughput').regressed, false);
  });

  it('fails a rise in the dropped share', () => {
    const verdict = regressionGate(syntheticRun({ seed: 7, seconds: 20 }), syntheticRun({ seed: 8, seconds: 20, dropShare: 0.05 }));
    assert.ok(regressedOf(verdict).includes('dropped share'), verdict.lines.join('\n'));
    assert.equal(verdict.passed, false);
  });

  it('passes two runs drawn from the same distribution, whatever the seeds', () => {
    for (let pair = 0; pair < 6; pair++) {
      const verdict = regressionGate(syntheticRun({ seed: 1000 + 2 * pair, seconds: 30 }), syntheticRun({ seed: 1001 + 2 * pair, seconds: 30 }));
      assert.equal(verdict.passed, true, verdict.lines.join('\n'));
    }
  });

  it('passes a 5% slowdown with the default 10% margin', () => {
    for (const seed of [7, 8]) {
      const verdict = regressionGate(syntheticRun({ seed, seconds: 30 }), syntheticRun({ seed: seed + 100, seconds: 30, slowdown: 1.05 }));
      assert.equal(verdict.passed, true, verdict.lines.join('\n'));
    }
  });

  it('fails a 30% drop in successful responses on throughput and error rate', () => {
    const verdict = regressionGate(syntheticRun({ seed: 5, seconds: 20 }), syntheticRun({ seed: 6, seconds: 20, errorShare: 0.3 }));
    assert.deepEqual(regressedOf(verdict), ['throughput', 'error rate']);
  });

  it('reports a significant improvement and passes', () => {
    const verdict = regressionGate(constantRun(1), constantRun(0.7));
    assert.equal(verdict.passed, true);
    assert.equal(verdict.lines[1], 'p50: 1 ms → 0.7 ms, -30.0% (95% CI -30.0% … -30.0%): significant improvement');
  });

  it('ignores warm-up phases', () => {
    const verdict = regressionGate(syntheticRun({ seed: 11, seconds: 20 }), syntheticRun({ seed: 11, seconds: 20, warmupSlowdown: 3 }));
    assert.equal(verdict.passed, true);
    for (const s of verdict.statistics.filter((s) => s.change === 'ratio' && s.judged)) assert.equal(s.estimate, 1, s.name);
  });

  it('gives the same verdict for the same inputs', () => {
    const baseline = syntheticRun({ seed: 21, seconds: 20 });
    const current = syntheticRun({ seed: 22, seconds: 20, slowdown: 1.1 });
    assert.deepEqual(regressionGate(baseline, current), regressionGate(baseline, current));
  });

  it('fails a current run too short to judge, naming why', () => {
    const verdict = regressionGate(constantRun(1), constantRun(1, 3));
    assert.equal(verdict.passed, false);
    assert.deepEqual(statistic(verdict, 'throughput'), {
      name: 'throughput',
      worse: 'lower',
      change: 'ratio',
      margin: 0.1,
      baseline: 10,
      current: 10,
      samples: { baseline: 10, current: 3 },
      judged: true,
      estimate: null,
      ciLow: null,
      ciHigh: null,
      significant: false,
      exceedsMargin: false,
      regressed: true,
      reason: 'the current run has 3 whole 1-second intervals, the gate needs at least 5',
    });
    assert.equal(verdict.lines[5], 'throughput: 10/s → 10/s: the current run has 3 whole 1-second intervals, the gate needs at least 5');
  });

  it('fails a current run that got no answer on throughput and error rate, and declines its latency', () => {
    const verdict = regressionGate(constantRun(1), constantRun(0.05, 10, { failure: 'connection' }));
    assert.equal(verdict.passed, false);
    assert.deepEqual(regressedOf(verdict), ['throughput', 'error rate']);
    assert.equal(verdict.lines[1], 'p50: 1 ms → no data: not judged: the current run has 0 latency samples, p50 needs at least 20 in each run');
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
        "baseline: throughput: 4 usable 1-second intervals of non-warm-up traffic, the regression gate needs at least 5; lengthen the scenario's phases and record a new baseline",
    });
    assert.throws(() => regressionGate(constantRun(1, 10, { status: 503, failure: 'status' }), constantRun(1)), {
      code: 'E_GATE_BASELINE_UNUSABLE',
      exitCode: 2,
      message: 'baseline: throughput: the successful responses per whole second are 0/s; record a baseline from a healthy run',
    });
  });

  it('refuses phases of the same name whose definitions differ, naming every difference', () => {
    const baseline = syntheticRun({ seed: 1, seconds: 10 });
    assert.throws(() => regressionGate(baseline, syntheticRun({ seed: 2, seconds: 10, definition: { rate: 300, arrivals: 'poisson' } })), {
      code: 'E_GATE_PHASE_DEFINITION',
      exitCode: 2,
      message:
        'baseline and current runs define their phases differently (steady: rate 200 in the baseline, 300 in the current run; steady: arrivals unset in the baseline, "poisson" in the current run); ' +
        'the regression gate compares runs of the same load only: gate two runs of the same scenario, or record a new baseline',
    });
    assert.throws(() => regressionGate(baseline, syntheticRun({ seed: 2, seconds: 12 })), /steady: duration 10000 in the baseline, 12000 in the current run/);
    const closed = { kind: 'closed', rate: undefined, connections: 8 };
    assert.throws(() => regressionGate(syntheticRun({ seed: 1, seconds: 10, definition: closed }), syntheticRun({ seed: 2, seconds: 10, definition: { ...closed, connections: 16 } })), /steady: connections 8 in the baseline, 16 in the current run/);
    const trace = { kind: 'trace', rate: undefined, trace: 'day.csv', speedup: 60 };
    assert.throws(() => regressionGate(syntheticRun({ seed: 1, seconds: 10, definition: trace }), syntheticRun({ seed: 2, seconds: 10, definition: { ...trace, speedup: 120 } })), /steady: speedup 60 in the baseline, 120 in the current run/);
  });

  it('rejects invalid options', () => {
    const run = constantRun(1);
    assert.throws(() => regressionGate(run, run, { maxRegression: -0.05 }), {
      code: 'E_INVALID_OPTION',
      message: '--max-regression: must be a percentage ≥ 0, e.g. 10%; got -5%',
    });
    assert.throws(() => regressionGate(run, run, { maxErrorIncrease: 1 }), { code: 'E_INVALID_OPTION' });
    assert.throws(() => regressionGate(run, run, { confidence: 1 }), { code: 'E_INVALID_OPTION' });
    assert.throws(() => regressionGate(run, run, { resamples: 10 }), { code: 'E_INVALID_OPTION' });
    assert.throws(() => regressionGate(run, run, { minIntervals: 1 }), { code: 'E_INVALID_OPTION' });
  });
});
