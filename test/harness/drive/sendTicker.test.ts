import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startSendTicker } from '../../../harness/drive/sendTicker.ts';

describe('startSendTicker', () => {
  it('wakes once per armed time, never before it', async () => {
    const wakes: { due: number; at: number }[] = [];
    let due = 0;
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const ticker = await startSendTicker(() => {
      wakes.push({ due, at: performance.now() });
      if (wakes.length === 20) return resolveDone();
      due = performance.now() + 2.5;
      ticker.arm(due);
    });
    try {
      due = performance.now() + 2.5;
      ticker.arm(due);
      await done;
    } finally {
      await ticker.stop();
    }
    assert.equal(wakes.length, 20);
    for (const wake of wakes) assert.ok(wake.at >= wake.due, `woke ${(wake.due - wake.at).toFixed(3)} ms early`);
  });

  it('stops: no wake-up after stop(), and stop() twice is harmless', async () => {
    let wakes = 0;
    const ticker = await startSendTicker(() => wakes++);
    ticker.arm(performance.now() + 20);
    await ticker.stop();
    await ticker.stop();
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(wakes, 0);
  });
});
