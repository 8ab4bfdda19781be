import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseWindow, replayPlanOf } from '../../../harness/fidelity/replayWindow.ts';
import { useTempDir } from '../../support/tempDir.ts';

const temp = useTempDir('infercap-replay-window');
/** 100 s at exactly 10 requests a second (expected sampling): every count below is exact. */
function flatTrace(): string {
  const file = path.join(temp.path(), 'flat.yaml');
  writeFileSync(file, 'seconds: 100\nseed: 1\nbaseRps: 10\nsampling: expected\n');
  return file;
}

describe('parseWindow', () => {
  it('reads START:END as seconds or durations from the trace start, either side optional', () => {
    assert.deepEqual(parseWindow('2h:4h'), { start: 7200, end: 14400 });
    assert.deepEqual(parseWindow('90:120'), { start: 90, end: 120 });
    assert.deepEqual(parseWindow(':30m'), { start: 0, end: 1800 });
    assert.deepEqual(parseWindow('1h:'), { start: 3600, end: undefined });
    assert.deepEqual(parseWindow('7h30m:9h15m'), { start: 27_000, end: 33_300 });
  });

  it('refuses what is not a window, naming the flag', () => {
    assert.throws(() => parseWindow('2h'), { code: 'E_INVALID_OPTION', message: /^--window: "2h": not START:END; write START:END/ });
    assert.throws(() => parseWindow('4h:2h'), { code: 'E_INVALID_OPTION', message: /^--window: "4h:2h": the end is not after the start;/ });
    assert.throws(() => parseWindow('soon:2h'), { code: 'E_INVALID_OPTION', message: /^--window: "soon:2h": "soon" is not a duration; write START:END/ });
  });
});

describe('replayPlanOf', () => {
  const spec = (overrides: object = {}) => ({ file: flatTrace(), window: { start: 10, end: 30 }, speedup: 2, scale: 1, arrivals: 'poisson' as const, seed: 1, ...overrides });

  it('compresses the window into one trace phase whose intended sends per second are the simulator\'s arrivals', () => {
    const plan = replayPlanOf(spec());
    assert.deepEqual(plan.window, { start: 10, end: 30 });
    assert.equal(plan.phase.kind, 'trace');
    assert.equal(plan.phase.duration, 10_000);
    // 20 s of 10/s played in 10 s: 20 requests due in each second, 200 in all.
    assert.deepEqual(plan.arrivals, new Array(10).fill(20));
  });

  it('scales the load and defaults the end to the trace\'s end', () => {
    const plan = replayPlanOf(spec({ window: { start: 90, end: undefined }, speedup: 1, scale: 0.5 }));
    assert.deepEqual(plan.window, { start: 90, end: 100 });
    assert.deepEqual(plan.arrivals, new Array(10).fill(5));
  });

  it('refuses a window outside the trace, a speedup of 0 or less, and a window without requests', () => {
    assert.throws(() => replayPlanOf(spec({ window: { start: 50, end: 150 } })), { code: 'E_INVALID_OPTION', message: /\[50 s, 150 s\) is not inside .*flat\.yaml, which runs 0 to 100 s/ });
    assert.throws(() => replayPlanOf(spec({ window: { start: 100, end: undefined } })), { code: 'E_INVALID_OPTION', message: /--window: \[100 s, 100 s\) is not inside/ });
    assert.throws(() => replayPlanOf(spec({ speedup: 0 })), { code: 'E_INVALID_OPTION', message: /--speedup: must be greater than 0/ });
    assert.throws(() => replayPlanOf(spec({ speedup: -2 })), { code: 'E_INVALID_OPTION', message: /--speedup: .* got -2/ });
    assert.throws(() => replayPlanOf(spec({ scale: 0 })), { code: 'E_INVALID_OPTION', message: /--window: holds no request of .*flat\.yaml once scaled/ });
  });
});
