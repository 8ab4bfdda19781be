import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../../common/prng.ts';
import { PodFleet } from '../../../simulator/cluster/podFleet.ts';
import { RollingSums } from '../../../simulator/cluster/rollingSums.ts';

describe('PodFleet', () => {
  it('makes new pods ready after the start-up delay', () => {
    const fleet = new PodFleet({ min: 30, max: 30 }, createRng(1));
    fleet.seed(2, -100, -100);
    fleet.scaleTo(4, 10);
    assert.equal(fleet.readyCount(10), 2);
    assert.equal(fleet.readyCount(39), 2);
    assert.equal(fleet.readyCount(40), 4);
    assert.equal(fleet.size, 4);
  });

  it('keeps a new pod Pending for the pending delay, capped by its start-up delay, then Running until ready (issue 14 item 8 g)', () => {
    const fleet = new PodFleet({ min: 30, max: 30 }, createRng(1), 10);
    fleet.seed(1, -100, -100);
    fleet.scaleTo(2, 50);
    assert.deepEqual(fleet.pods.map((p) => [p.createdAt, p.runningAt, p.readyAt]), [[-100, -100, -100], [50, 60, 80]]);
    const short = new PodFleet({ min: 5, max: 5 }, createRng(1), 10);
    short.scaleTo(1, 0);
    assert.deepEqual([short.pods[0]!.runningAt, short.pods[0]!.readyAt], [5, 5]);
  });

  it('draws random start-up delays within [min, max], the same for the same seed', () => {
    const delays = (seed: number) => {
      const fleet = new PodFleet({ min: 20, max: 90 }, createRng(seed));
      fleet.scaleTo(50, 0);
      return fleet.pods.map((pod) => pod.readyAt);
    };
    const first = delays(7);
    assert.ok(first.every((d) => d >= 20 && d <= 90));
    assert.ok(new Set(first).size > 10);
    assert.deepEqual(delays(7), first);
  });

  it('deletes unready pods first, then the most recently ready', () => {
    const fleet = new PodFleet({ min: 30, max: 30 }, createRng(1));
    fleet.seed(1, -100, -100); // pod-0, ready long ago
    fleet.scaleTo(2, 0); // pod-1, ready at 30
    fleet.scaleTo(3, 100); // pod-2, ready at 130
    fleet.scaleTo(2, 110); // pod-2 is not ready yet: it goes first
    assert.deepEqual(fleet.pods.map((p) => p.name), ['pod-0', 'pod-1']);
    fleet.scaleTo(1, 120); // both ready: the newer-ready pod-1 goes
    assert.deepEqual(fleet.pods.map((p) => p.name), ['pod-0']);
    assert.equal(fleet.readyCount(120), 1);
  });
});

describe('RollingSums', () => {
  it('sums any recent window of the seconds pushed', () => {
    const sums = new RollingSums();
    for (let t = 0; t < 20_000; t++) sums.push(t);
    assert.equal(sums.sum(19_990, 20_000), (19_990 + 19_999) * 5);
    assert.equal(sums.sum(19_999, 25_000), 19_999);
    assert.throws(() => sums.sum(0, 10), /reaches more than 8000 s back/);
  });
});
