import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHpaInput } from '../../../simulator/hpa/hpaInput.ts';
import { groupPods, podGroup, podMetrics } from '../../../simulator/hpa/podGroups.ts';

// groupPods in replica_calculator.go, with the controller defaults: CPU initialization period 300 s,
// initial readiness delay 30 s.
const NOW = 1000;

function groups(pods: Record<string, unknown>[], resource: 'cpu' | 'non-cpu' = 'cpu') {
  const input = parseHpaInput({ now: NOW, spec: { maxReplicas: 10 }, currentReplicas: 1, pods }, 'test');
  const g = groupPods(input.pods, podMetrics(input.pods, 'cpu'), resource === 'cpu' ? 'cpu' : undefined, NOW, input.controller);
  const named = (group: number) => input.pods.filter((_, i) => g.of[i] === group).map((pod) => pod.name);
  assert.equal(named(podGroup.ready).length, g.readyPodCount);
  return { ready: g.readyPodCount, unready: named(podGroup.unready), missing: named(podGroup.missing), ignored: named(podGroup.ignored) };
}

const sample = { metrics: { cpu: 100 } };

describe('groupPods', () => {
  it('ignores deleted and failed pods, counts pending ones as unready and pods without a sample as missing', () => {
    assert.deepEqual(
      groups([
        { name: 'del', deleted: true, ...sample },
        { name: 'failed', phase: 'Failed', ...sample },
        { name: 'pending', phase: 'Pending', ...sample },
        { name: 'nosample' },
        { name: 'ok', ...sample },
      ]),
      { ready: 1, unready: ['pending'], missing: ['nosample'], ignored: ['del', 'failed'] },
    );
  });

  it('within the CPU initialization period, a ready pod whose sample predates one window since it became ready is unready', () => {
    // startTime + 300 > now; sample at now-5 is before readyTransitionTime (now-20) + window 30.
    assert.deepEqual(groups([{ name: 'p', startTime: NOW - 60, readyTransitionTime: NOW - 20, metricTimestamp: NOW - 5, metricWindowSeconds: 30, ...sample }]).unready, ['p']);
    // A sample a full window after the transition counts.
    assert.equal(groups([{ name: 'p', startTime: NOW - 60, readyTransitionTime: NOW - 40, metricTimestamp: NOW - 5, metricWindowSeconds: 30, ...sample }]).ready, 1);
  });

  it('after the initialization period, only a pod unready since its initial readiness delay is unready', () => {
    // startTime + 30 > readyTransitionTime (never became ready): unready.
    assert.deepEqual(groups([{ name: 'p', ready: false, startTime: NOW - 1000, readyTransitionTime: NOW - 990, ...sample }]).unready, ['p']);
    // It was ready once (transition 100 s after start), then went unready: its sample counts.
    assert.equal(groups([{ name: 'p', ready: false, startTime: NOW - 1000, readyTransitionTime: NOW - 900, ...sample }]).ready, 1);
  });

  it('treats a null Ready condition or start time as unready for CPU only', () => {
    assert.deepEqual(groups([{ name: 'p', ready: null, ...sample }]).unready, ['p']);
    assert.deepEqual(groups([{ name: 'p', startTime: null, ...sample }]).unready, ['p']);
    assert.equal(groups([{ name: 'p', ready: null, ...sample }], 'non-cpu').ready, 1);
  });
});
