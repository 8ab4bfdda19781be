import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterSignals } from '../../../simulator/cluster/clusterSignals.ts';
import type { SimPod } from '../../../simulator/cluster/podFleet.ts';
import { parseHpaInput } from '../../../simulator/hpa/hpaInput.ts';
import { groupPods, podGroup, podMetrics } from '../../../simulator/hpa/podGroups.ts';
import { newPodState, observePod, type ObservationContext } from '../../../simulator/policy/observedPod.ts';

// Seconds 0..199: a ready pod uses 600 millicores and takes 40 req/s.
const signals = new ClusterSignals();
for (let t = 0; t < 200; t++) signals.push({ readyReplicas: 1, cpuMilliPerPod: 600, rpsPerPod: 40, inflight: 1, served: 40, p50: 5, p95: 8, p99: 10 });
// Created at 100, Pending until 125, Running but not Ready until 140.
const pod: SimPod = { id: 7, name: 'pod-7', createdAt: 100, runningAt: 125, readyAt: 140 };
const { controller } = parseHpaInput({ now: 0, spec: { maxReplicas: 2 }, currentReplicas: 1 }, 'test');

function observe(now: number, wants = { cpu: true, rps: true, inflight: false }) {
  const ctx: ObservationContext = { now, scrape: Math.floor((now - 2) / 15) * 15, resolution: 15, signals, wants, idleCpuMilli: 50, cpuRequestMilli: 1000 };
  return observePod(newPodState(pod, ctx), pod, ctx);
}

describe('observePod (issue 14 item 8 g): a starting pod as the HPA controller sees it', () => {
  it('is Pending with no metric, not even CPU, before its container runs', () => {
    const state = observe(122); // scrape 120, the pod created 22 s ago
    assert.equal(state.phase, 'Pending');
    assert.equal(state.ready, false);
    assert.deepEqual(state.metrics, {});
  });

  it('is counted unready, not missing, while Pending, for a Pods metric as for CPU (groupPods)', () => {
    const state = observe(122);
    for (const [metric, resource] of [['requests_per_second', undefined], ['cpu', 'cpu']] as const) {
      const groups = groupPods([state], podMetrics([state], metric), resource, 122, controller);
      assert.deepEqual([...groups.of], [podGroup.unready], metric);
      assert.equal(groups.missingCount, 0, metric);
    }
  });

  it('runs unready from runningAt: its CPU appears once a scrape window saw it running, its serving metrics do not', () => {
    assert.deepEqual(observe(127).metrics, {}); // Running since 125, but the scrape (120) ended before
    const state = observe(137); // scrape 135
    assert.equal(state.phase, 'Running');
    assert.equal(state.ready, false);
    assert.deepEqual(state.metrics, { cpu: 50 });
  });

  it('once ready, reports the window since it became ready', () => {
    const state = observe(152); // scrape 150 covers [140, 150) of its readiness
    assert.equal(state.ready, true);
    assert.deepEqual(state.metrics, { cpu: 600, requests_per_second: 40000 });
  });
});
