import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatChange, formatMetricValue, formatMs, formatPercent, formatRate } from '../../../harness/gate/figureFormat.ts';

describe('figureFormat', () => {
  it('writes milliseconds with about four significant digits, without trailing zeros', () => {
    assert.deepEqual([0, 0.1234, 1.3, 12.345, 123.45, 1234.5].map(formatMs), ['0 ms', '0.123 ms', '1.3 ms', '12.35 ms', '123.5 ms', '1235 ms']);
  });

  it('writes rates, percentages and counts in the units thresholds use', () => {
    assert.equal(formatRate(312.46), '312.5/s');
    assert.equal(formatPercent(0.0125), '1.25%');
    assert.equal(formatPercent(0.1), '10%');
    assert.deepEqual(
      [formatMetricValue('latency', 50), formatMetricValue('error_rate', 0.01), formatMetricValue('throughput', 300), formatMetricValue('dropped', 3)],
      ['50 ms', '1%', '300/s', '3'],
    );
  });

  it('writes a ratio as a signed change, with no sign on a change that rounds to nothing', () => {
    assert.deepEqual([1.3, 0.95, 1, 0.99996, 1.00004].map(formatChange), ['+30.0%', '-5.0%', '0.0%', '0.0%', '0.0%']);
  });
});
