import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterSignals, type SignalSecond } from '../../../simulator/cluster/clusterSignals.ts';

const close = (actual: number | undefined, expected: number) => assert.ok(actual !== undefined && Math.abs(actual - expected) <= 1e-12 * expected, `${actual} ≠ ${expected}`);
const second = (served: number, p50: number, p95: number, p99: number): SignalSecond => ({ readyReplicas: 1, cpuMilliPerPod: 0, rpsPerPod: served, inflight: 0, served, p50, p95, p99 });

describe('ClusterSignals.latencyQuantileOver (issue 14 item 8 h)', () => {
  it("is the window's request-level p95, not a mean of the seconds' p95s", () => {
    const signals = new ClusterSignals();
    signals.push(second(100, 10, 10, 10)); // every request at 10 ms
    signals.push(second(100, 100, 100, 100)); // every request at 100 ms
    // Half the requests at 100 ms: the window's p95 is 100; the served-weighted mean of p95s was 55.
    close(signals.latencyQuantileOver(0.95, 0, 2), 100);
    close(signals.latencyQuantileOver(0.25, 0, 2), 10);
  });

  it('ignores seconds that served nothing and answers undefined for a window without requests', () => {
    const signals = new ClusterSignals();
    signals.push(second(0, Number.NaN, Number.NaN, Number.NaN));
    signals.push(second(50, 20, 20, 20));
    assert.equal(signals.latencyQuantileOver(0.95, 0, 1), undefined);
    close(signals.latencyQuantileOver(0.95, 0, 2), 20);
  });
});
