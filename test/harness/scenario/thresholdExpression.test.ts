import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseThresholdExpression,
  tryParseThresholdExpression,
  type ThresholdMetric,
} from '../../../harness/scenario/thresholdExpression.ts';

const problemOf = (metric: ThresholdMetric, text: string) => {
  const parsed = tryParseThresholdExpression(metric, text);
  assert.equal(parsed.ok, false, `${metric} "${text}" should not parse`);
  return parsed.ok ? undefined : parsed.problem;
};

describe('parseThresholdExpression', () => {
  it('reads the SLO spelling of a percentile, p95 and p99.9, as p(95) and p(99.9): one grammar for thresholds and SLOs', () => {
    const { source: _a, ...k6 } = parseThresholdExpression('latency', 'p(95) < 50ms');
    const { source: _b, ...slo } = parseThresholdExpression('latency', 'p95 < 50ms');
    assert.deepEqual(slo, k6);
    assert.equal(parseThresholdExpression('latency', 'p99.9 <= 2s').statistic, 'p(99.9)');
    assert.equal(parseThresholdExpression('latency', 'p99.9 <= 2s').value, 2_000);
  });

  it('reads latency statistics and converts units to ms', () => {
    assert.deepEqual(parseThresholdExpression('latency', 'p(95) < 50ms'), {
      metric: 'latency',
      statistic: 'p(95)',
      percentile: 95,
      operator: '<',
      value: 50,
      source: 'p(95) < 50ms',
    });
    assert.deepEqual(parseThresholdExpression('latency', 'p(99.9)<=1.5s'), {
      metric: 'latency',
      statistic: 'p(99.9)',
      percentile: 99.9,
      operator: '<=',
      value: 1_500,
      source: 'p(99.9)<=1.5s',
    });
    assert.deepEqual(parseThresholdExpression('latency', 'mean < 500us'), {
      metric: 'latency',
      statistic: 'mean',
      operator: '<',
      value: 0.5,
      source: 'mean < 500us',
    });
    assert.equal(parseThresholdExpression('latency', 'max < 1s').value, 1_000);
    assert.equal(parseThresholdExpression('latency', 'min > 0.2ms').operator, '>');
  });

  it('tolerates spaces and normalises the percentile', () => {
    const expression = parseThresholdExpression('latency', ' p( 99.90 ) < 50 ms ');
    assert.equal(expression.statistic, 'p(99.9)');
    assert.equal(expression.percentile, 99.9);
    assert.equal(expression.value, 50);
    assert.equal(expression.source, ' p( 99.90 ) < 50 ms ');
  });

  it("reads k6's avg and med as mean and p(50)", () => {
    assert.equal(parseThresholdExpression('latency', 'avg < 5ms').statistic, 'mean');
    const median = parseThresholdExpression('latency', 'med < 5ms');
    assert.equal(median.statistic, 'p(50)');
    assert.equal(median.percentile, 50);
  });

  it('reads bare comparisons of error_rate, throughput and dropped in base units', () => {
    assert.deepEqual(parseThresholdExpression('error_rate', '< 1%'), {
      metric: 'error_rate',
      statistic: 'rate',
      operator: '<',
      value: 0.01,
      source: '< 1%',
    });
    assert.equal(parseThresholdExpression('error_rate', '< 0.1%').value, 0.001);
    assert.equal(parseThresholdExpression('error_rate', 'rate < 0.05').value, 0.05);
    assert.deepEqual(parseThresholdExpression('throughput', '> 300/s'), {
      metric: 'throughput',
      statistic: 'rate',
      operator: '>',
      value: 300,
      source: '> 300/s',
    });
    assert.equal(parseThresholdExpression('throughput', '>= 300').value, 300);
    assert.equal(parseThresholdExpression('throughput', '>= 300 req/s').value, 300);
    assert.deepEqual(parseThresholdExpression('dropped', '== 0'), {
      metric: 'dropped',
      statistic: 'count',
      operator: '==',
      value: 0,
      source: '== 0',
    });
    assert.equal(parseThresholdExpression('dropped', 'count != 2').operator, '!=');
  });

  it('names the expression and what is wrong with it', () => {
    const cases: [ThresholdMetric, string, string][] = [
      ['latency', '', '"": is empty; write a comparison such as "p(95) < 50ms"'],
      ['latency', '< 50ms', '"< 50ms": latency needs a statistic before the comparison: p(N), mean, min or max, e.g. "p(95) < 50ms"'],
      ['latency', 'p(95) < 50', '"p(95) < 50": latency needs a unit after 50: ms, s or us, e.g. "p(95) < 50ms"'],
      ['latency', 'p(95) < 50sec', '"p(95) < 50sec": unknown unit "sec" for latency; use ms, s or us, e.g. "p(95) < 50ms"'],
      ['latency', 'p(101) < 5ms', '"p(101) < 5ms": the percentile in "p(101)" must be a number above 0 and at most 100, e.g. p(99.9)'],
      ['latency', 'p(0) < 5ms', '"p(0) < 5ms": the percentile in "p(0)" must be a number above 0 and at most 100, e.g. p(99.9)'],
      ['latency', 'rate < 5ms', '"rate < 5ms": latency does not take "rate"; latency takes p(N), mean, min or max, e.g. "p(95) < 50ms"'],
      ['latency', 'p(95) = 5ms', '"p(95) = 5ms": expected a comparison operator (<, <=, >, >=, ==, !=) after "p(95)"; use == to compare for equality'],
      ['latency', 'p(95) 5ms', '"p(95) 5ms": expected a comparison operator (<, <=, >, >=, ==, !=) after "p(95)"'],
      ['latency', 'p(95) < fast', '"p(95) < fast": expected a number after "<"'],
      ['latency', 'p(95) < -5ms', '"p(95) < -5ms": the value must not be negative'],
      ['latency', 'p(95) < 50ms or so', '"p(95) < 50ms or so": unexpected "or so" after "50ms"'],
      ['error_rate', 'p(95) < 1%', '"p(95) < 1%": error_rate does not take "p(95)"; error_rate takes a bare comparison such as "< 1%"'],
      ['error_rate', '< 150%', '"< 150%": error_rate is at most 100% (1 as a bare fraction), got 150%'],
      ['error_rate', '< 1 percent', '"< 1 percent": unknown unit "percent" for error_rate; use % or no unit, e.g. "< 1%"'],
      ['error_rate', '< 2', '"< 2": error_rate is at most 100% (1 as a bare fraction), got 2'],
      ['throughput', '> 300rps', '"> 300rps": unknown unit "rps" for throughput; use /s or no unit, e.g. "> 300/s"'],
      ['dropped', '== 0.5', '"== 0.5": dropped is a count of requests; use a whole number'],
      ['dropped', '< 3/s', '"< 3/s": unexpected "/s" after 3; dropped is a count without a unit, e.g. "== 0"'],
    ];
    for (const [metric, text, problem] of cases) assert.equal(problemOf(metric, text), problem);
  });

  it('throws E_INVALID_THRESHOLD (exit code 2) naming the metric', () => {
    assert.throws(() => parseThresholdExpression('latency', '< 5ms'), {
      code: 'E_INVALID_THRESHOLD',
      exitCode: 2,
      message: 'thresholds.latency: "< 5ms": latency needs a statistic before the comparison: p(N), mean, min or max, e.g. "p(95) < 50ms"',
    });
  });
});
