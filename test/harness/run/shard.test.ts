import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseShard, shardPhases, shareOf } from '../../../harness/run/shard.ts';

describe('shards', () => {
  it('parses i/n and refuses anything else', () => {
    assert.deepEqual(parseShard('2/3'), { index: 2, count: 3 });
    for (const bad of ['0/2', '3/2', '1', 'a/b', '1/0']) assert.throws(() => parseShard(bad), { code: 'E_INVALID_OPTION', message: /^--shard: expected i\/n/ });
  });

  it('shares whole units so that the shards sum to the total', () => {
    assert.deepEqual([1, 2, 3].map((index) => shareOf(10, { index, count: 3 })), [4, 3, 3]);
    assert.deepEqual([1, 2, 3].map((index) => shareOf(2, { index, count: 3 })), [1, 1, 0]);
  });

  it('divides open-loop rates, shares connections, and pauses a shard left without any', () => {
    const phases = [
      { name: 'a', kind: 'open' as const, rate: 100, rampTo: 300, arrivals: 'constant' as const, duration: 1000, warmup: false },
      { name: 'b', kind: 'closed' as const, connections: 1, duration: 2000, warmup: false },
    ];
    const second = shardPhases(phases, { index: 2, count: 2 });
    assert.deepEqual(second[0], { ...phases[0], rate: 50, rampTo: 150 });
    assert.deepEqual(second[1], { name: 'b', kind: 'pause', duration: 2000 });
    assert.deepEqual(shardPhases(phases, { index: 1, count: 2 })[1], phases[1]);
  });
});
