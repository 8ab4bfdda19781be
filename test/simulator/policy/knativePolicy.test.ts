import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterConfigSchema } from '../../../simulator/cluster/clusterConfig.ts';
import { createPolicy, policySchema } from '../../../simulator/policy/policyRegistry.ts';
import { serviceModel } from '../../../simulator/service/serviceModel.ts';
import { runSimulation } from '../../../simulator/simulate/runSimulation.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';

// Every request takes 100 ms and a replica serves 1,000 req/s: 10 req/s keep 1 request in flight.
const model = serviceModel({ capacity: 1000, queueLimit: 0, serviceTimeMs: { mean: 100, p50: 100, p95: 100, p99: 100 } });
const cluster = clusterConfigSchema.parse({ startupDelay: 30 });

function desiredChanges(arrivals: Float64Array): [number, number][] {
  const policy = createPolicy(policySchema.parse({ kind: 'knative', knative: { target: 1, targetUtilizationPercentage: 100, stableWindow: '60s' } }), { cluster, serviceModel: model });
  const { series } = runSimulation({ arrivals, policy, serviceModel: model, cluster, slo: parseSlo('p95 < 1s'), pricePerHour: 1, maxPoints: arrivals.length });
  const desired = series!.desiredReplicas;
  return desired.flatMap((v, t) => (t === 0 || v !== desired[t - 1] ? [[t, v] as [number, number]] : []));
}

describe('Knative-style concurrency policy', () => {
  it('panics on a burst: scales to the panic window concurrency every tick, and does not scale down while panicking', () => {
    // Concurrency 1 until second 100, then 10 (ticks every 2 s; panic window 6 s = 10 % of the stable 60 s).
    const arrivals = new Float64Array(300).fill(10);
    arrivals.fill(100, 100);
    // 102: panic window [96, 102) averages (4 · 1 + 2 · 10) / 6 = 4 in flight → 4 pods; 4 / 1 ready ≥ 2 → panic.
    // 104: (2 · 1 + 4 · 10) / 6 = 7 → 7; 106: 10 → 10. The stable window catches up at 10 pods; no change after.
    assert.deepEqual(desiredChanges(arrivals), [[0, 1], [102, 4], [104, 7], [106, 10]]);
  });

  it('scales down at most by half per tick (max scale-down rate 2)', () => {
    const arrivals = new Float64Array(600).fill(100);
    arrivals.fill(0, 200);
    const changes = desiredChanges(arrivals);
    for (let i = 1; i < changes.length; i++) assert.ok(changes[i]![1] >= Math.floor(changes[i - 1]![1] / 2), JSON.stringify(changes));
    assert.deepEqual(changes.at(-1), [changes.at(-1)![0], 1]);
  });
});
