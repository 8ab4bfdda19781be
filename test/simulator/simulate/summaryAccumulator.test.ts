import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createServiceSecond } from '../../../simulator/service/serviceStep.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';
import { SummaryAccumulator } from '../../../simulator/simulate/summaryAccumulator.ts';

describe('SummaryAccumulator latency (issue 14 item 7)', () => {
  it("reports the run's request-level percentiles, not percentiles of the seconds' percentiles", () => {
    const summary = new SummaryAccumulator(parseSlo('p95 < 1s'), 1);
    const second = createServiceSecond();
    Object.assign(second, { served: 100, p50: 10, p95: 10, p99: 10 });
    summary.add(100, 1, 1, second);
    Object.assign(second, { served: 100, p50: 20, p95: 100, p99: 200 });
    summary.add(100, 1, 1, second);
    const { latencyMs } = summary.finish(0);
    // Of 200 requests, 100 at 10 ms and 50 more by 20 ms: the run's p50 is 10 ms and its p95 lies where the
    // second second's CDF reaches 0.9, 20 · 5^(0.4/0.45) = 83.5 ms (the p95 of the seconds' p95s would be 100).
    const p95 = 20 * Math.pow(5, 0.4 / 0.45);
    assert.ok(Math.abs(latencyMs.p95! - p95) <= 0.01 * p95, `p95 ${latencyMs.p95}`);
    assert.ok(Math.abs(latencyMs.p50! - 10) <= 0.1, `p50 ${latencyMs.p50}`);
  });
});
