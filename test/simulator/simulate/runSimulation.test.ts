import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterConfigSchema } from '../../../simulator/cluster/clusterConfig.ts';
import { createPolicy } from '../../../simulator/policy/policyRegistry.ts';
import { serviceModel } from '../../../simulator/service/serviceModel.ts';
import { runSimulation } from '../../../simulator/simulate/runSimulation.ts';
import { parseSlo } from '../../../simulator/simulate/sloExpression.ts';

const cluster = clusterConfigSchema.parse({});
const slo = parseSlo('p95 < 100ms', '99%');

function fixed(replicas: number, arrivals: Float64Array, model = serviceModel({ capacity: 100, queueLimit: 20, serviceTimeMs: { p50: 5, p95: 8, p99: 10 } }), maxPoints = 2000) {
  const policy = createPolicy({ kind: 'fixed', replicas }, { cluster, serviceModel: model });
  return runSimulation({ arrivals, policy, serviceModel: model, cluster, slo, pricePerHour: 0.5, maxPoints });
}

describe('runSimulation', () => {
  it('bills replica-hours and cost for every second and divides by the requests', () => {
    const { summary } = fixed(3, new Float64Array(7200).fill(10));
    assert.equal(summary.replicaHours, 6);
    assert.equal(summary.cost, 3);
    assert.equal(summary.requests, 72_000);
    assert.equal(summary.costPerMillionRequests, (3 / 72_000) * 1e6);
    assert.deepEqual(summary.attainment, { seconds: 1, requests: 1 });
    assert.equal(summary.meetsSlo, true);
    assert.deepEqual(summary.replicas, { min: 3, max: 3, mean: 3 });
  });

  it('counts rejections beyond the queue limit and seconds that miss the SLO', () => {
    // One replica of 100 req/s with room for 20 waiting, 150 arriving for 10 s: 100 served each second;
    // the first second keeps 20 and rejects 30, every later one rejects 50.
    const { summary } = fixed(1, new Float64Array(10).fill(150));
    assert.equal(summary.served, 1000);
    assert.equal(summary.rejected, 30 + 9 * 50);
    assert.equal(summary.backlogAtEnd, 20);
    assert.deepEqual(summary.attainment, { seconds: 0, requests: 0 });
    assert.equal(summary.meetsSlo, false);
  });

  it('downsamples the series to the point cap: means of load, the worst latency, the cost at the end of each point', () => {
    const arrivals = new Float64Array(100).fill(10);
    arrivals.fill(30, 50);
    const { series, summary } = fixed(2, arrivals, undefined, 10);
    assert.equal(series!.stepSeconds, 10);
    assert.deepEqual(series!.time, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.deepEqual(series!.load, [10, 10, 10, 10, 10, 30, 30, 30, 30, 30]);
    assert.deepEqual(series!.readyReplicas, Array(10).fill(2));
    assert.equal(series!.costSoFar.at(-1), Number(summary.cost.toPrecision(6)));
    assert.equal(series!.costSoFar[0], Number(((2 * 10) / 3600 * 0.5).toPrecision(6)));
  });

  it('serves nothing without ready replicas and reports the latency as null', () => {
    const model = serviceModel({ capacity: 100, queueLimit: 20, serviceTimeMs: { p50: 5, p95: 8, p99: 10 } });
    const policy = createPolicy({ kind: 'knative', knative: { target: 1, targetUtilizationPercentage: 70, stableWindow: 60, panicWindowPercentage: 10, panicThresholdPercentage: 200, maxScaleUpRate: 1000, maxScaleDownRate: 2, minScale: 0, maxScale: 0, tickInterval: 2 } }, { cluster, serviceModel: model });
    const { series, summary } = runSimulation({ arrivals: new Float64Array(4).fill(5), policy, serviceModel: model, cluster: { ...cluster, initialReplicas: 0 }, slo, pricePerHour: 1, maxPoints: 4 });
    assert.equal(summary.rejected, 20);
    assert.deepEqual(series!.p95.slice(0, 2), [null, null]);
  });
});
