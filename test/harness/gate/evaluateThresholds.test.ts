import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RequestOutcome } from '../../../harness/drive/requestOutcome.ts';
import { evaluateRunThresholds, evaluateThresholds } from '../../../harness/gate/evaluateThresholds.ts';
import { thresholdMeasure, thresholdOutcomeSchema } from '../../../harness/gate/thresholdOutcome.ts';
import { aggregatePhases } from '../../../harness/results/aggregatePhases.ts';
import { parseThresholdExpression, type ThresholdExpression, type ThresholdMetric } from '../../../harness/scenario/thresholdExpression.ts';
import { recordPhase } from '../results/syntheticRun.ts';

/**
 * One second: request i (1..100) takes i × 10 µs (exact in the histogram: p95 = 0.95 ms); every tenth
 * is answered 503 (throughput 90/s) and 3 more are dropped: 13 errors of 103 due, drops included.
 */
function oneSecond(): RequestOutcome[] {
  const list: RequestOutcome[] = [];
  for (let i = 1; i <= 100; i++) {
    const intendedMs = i * 9;
    const doneMs = intendedMs + i / 100;
    list.push(i % 10 === 0 ? { intendedMs, sentMs: intendedMs, doneMs, status: 503, failure: 'status' } : { intendedMs, sentMs: intendedMs, doneMs, status: 200 });
  }
  for (let k = 0; k < 3; k++) list.push({ intendedMs: 950 + k, dropped: true });
  return list.sort((a, b) => (a.doneMs ?? a.intendedMs) - (b.doneMs ?? b.intendedMs));
}

const statsOf = (outcomes: readonly RequestOutcome[]) =>
  aggregatePhases([recordPhase({ name: 'steady', kind: 'open-loop', warmup: false, startMs: 0 }, outcomes, 1000)]);
const stats = statsOf(oneSecond());
const parse = (metric: ThresholdMetric, ...texts: string[]) => texts.map((text) => parseThresholdExpression(metric, text));

describe('evaluateThresholds', () => {
  it('passes thresholds that hold, with the observed value in base units', () => {
    const thresholds = [
      ...parse('latency', 'p(95) < 1ms', 'mean <= 0.505ms', 'min == 10us', 'max >= 1ms'),
      ...parse('error_rate', '<= 13%'),
      ...parse('throughput', '> 89/s'),
      ...parse('dropped', '!= 0'),
    ];
    assert.deepEqual(evaluateThresholds(thresholds, stats), [
      { metric: 'latency', expression: 'p(95) < 1ms', observed: 0.95, passed: true },
      { metric: 'latency', expression: 'mean <= 0.505ms', observed: 0.505, passed: true },
      { metric: 'latency', expression: 'min == 10us', observed: 0.01, passed: true },
      { metric: 'latency', expression: 'max >= 1ms', observed: 1, passed: true },
      { metric: 'error_rate', expression: '<= 13%', observed: 13 / 103, passed: true },
      { metric: 'throughput', expression: '> 89/s', observed: 90, passed: true },
      { metric: 'dropped', expression: '!= 0', observed: 3, passed: true },
    ]);
  });

  it('fails thresholds that do not hold, saying what was observed', () => {
    const thresholds = [...parse('latency', 'p(99.9) < 1ms'), ...parse('error_rate', '< 5%'), ...parse('throughput', '> 300/s'), ...parse('dropped', '== 0')];
    assert.deepEqual(evaluateThresholds(thresholds, stats), [
      { metric: 'latency', expression: 'p(99.9) < 1ms', observed: 1, passed: false, reason: 'observed 1 ms, not < 1 ms' },
      { metric: 'error_rate', expression: '< 5%', observed: 13 / 103, passed: false, reason: 'observed 12.62%, not < 5%' },
      { metric: 'throughput', expression: '> 300/s', observed: 90, passed: false, reason: 'observed 90/s, not > 300/s' },
      { metric: 'dropped', expression: '== 0', observed: 3, passed: false, reason: 'observed 3, not == 0' },
    ]);
  });

  it('reads percentiles the summary does not hold from the encoded histogram', () => {
    const outcomes = evaluateThresholds(parse('latency', 'p(97.5) <= 0.98ms', 'p(12.5) > 0.13ms'), stats);
    assert.deepEqual(
      outcomes.map((o) => [o.observed, o.passed]),
      [
        [0.98, true],
        [0.13, false],
      ],
    );
  });

  it('fails every threshold evaluated on zero samples, even one that 0 would satisfy', () => {
    const thresholds = [...parse('latency', 'p(95) < 50ms', 'max < 1s'), ...parse('error_rate', '< 1%'), ...parse('throughput', '< 1000/s'), ...parse('dropped', '== 0')];
    const outcomes = evaluateThresholds(thresholds, aggregatePhases([]));
    assert.deepEqual(
      outcomes.map(({ observed, passed, reason }) => ({ observed, passed, reason })),
      Array.from({ length: 5 }, () => ({ observed: null, passed: false, reason: 'no samples' })),
    );
  });

  it('has no latency sample when every request failed to connect, but measures the rest', () => {
    const connectionErrors = Array.from({ length: 10 }, (_, i): RequestOutcome => ({ intendedMs: i * 100, sentMs: i * 100, doneMs: i * 100 + 0.5, failure: 'connection' }));
    const thresholds = [...parse('latency', 'p(99) < 1s'), ...parse('error_rate', '< 1%'), ...parse('throughput', '> 1/s'), ...parse('dropped', '== 0')];
    assert.deepEqual(
      evaluateThresholds(thresholds, statsOf(connectionErrors)).map(({ observed, passed }) => [observed, passed]),
      [
        [null, false],
        [1, false],
        [0, false],
        [0, true],
      ],
    );
  });

  it('measures dropped requests when every request was dropped', () => {
    const dropped = Array.from({ length: 4 }, (_, i): RequestOutcome => ({ intendedMs: i * 100, dropped: true }));
    const [outcome] = evaluateThresholds(parse('dropped', '== 0'), statsOf(dropped));
    assert.deepEqual(outcome, { metric: 'dropped', expression: '== 0', observed: 4, passed: false, reason: 'observed 4, not == 0' });
  });

  it('produces outcomes that the results schema part accepts', () => {
    for (const outcome of evaluateThresholds([...parse('latency', 'p(95) < 1ms'), ...parse('dropped', '== 0')], stats)) {
      assert.deepEqual(thresholdOutcomeSchema.parse(outcome), outcome);
    }
  });

  it('rejects a statistic its metric does not take (exit code 2)', () => {
    const wrong: ThresholdExpression = { metric: 'latency', statistic: 'rate', operator: '<', value: 1, source: 'rate < 1' };
    assert.throws(() => evaluateThresholds([wrong], stats), {
      code: 'E_INVALID_THRESHOLD',
      exitCode: 2,
      message: 'thresholds.latency: "rate < 1": latency does not take "rate"; it takes p(N), mean, min or max',
    });
  });
});

describe('evaluateRunThresholds', () => {
  // The same second, every third request for model b:2 and the rest for a.
  const tagged = oneSecond().map((outcome, i) => ({ ...outcome, model: i % 3 === 0 ? 1 : 0 }));
  const mixed = aggregatePhases([recordPhase({ name: 'steady', kind: 'open', warmup: false, startMs: 0, models: ['a', 'b:2'] }, tagged, 1000)]);
  const alone = (model: number) => statsOf(tagged.filter((outcome) => outcome.model === model));

  it("judges the scenario's thresholds on the whole, then each model's own on its part, naming the model", () => {
    const outcomes = evaluateRunThresholds(parse('error_rate', '<= 13%'), [
      { model: 'a', weight: 2, thresholds: parse('latency', 'p(95) < 1ms') },
      { model: 'b', version: '2', weight: 1, thresholds: [...parse('throughput', '> 89/s'), ...parse('dropped', '== 0')] },
    ], mixed);
    assert.deepEqual(outcomes, [
      ...evaluateThresholds(parse('error_rate', '<= 13%'), mixed),
      ...evaluateThresholds(parse('latency', 'p(95) < 1ms'), alone(0)).map((outcome) => ({ ...outcome, model: 'a' })),
      ...evaluateThresholds([...parse('throughput', '> 89/s'), ...parse('dropped', '== 0')], alone(1)).map((outcome) => ({ ...outcome, model: 'b:2' })),
    ]);
    assert.equal(outcomes[2]!.passed, false, 'b:2 has a third of the throughput');
    for (const outcome of outcomes) thresholdOutcomeSchema.parse(outcome);
    assert.deepEqual(outcomes.map(thresholdMeasure), ['error_rate', 'latency{model:a}', 'throughput{model:b:2}', 'dropped{model:b:2}']);
  });

  it('fails a model threshold with no samples when the run recorded no part for the model', () => {
    assert.deepEqual(evaluateRunThresholds([], [{ model: 'c', weight: 1, thresholds: parse('dropped', '== 0') }], stats), [
      { metric: 'dropped', expression: '== 0', observed: null, passed: false, reason: 'no samples', model: 'c' },
    ]);
  });
});
