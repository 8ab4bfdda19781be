import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { processCpuMs } from '../../../bench/support/processCpu.ts';

describe('processCpuMs', () => {
  it('reads the CPU a process used as the kernel counts it, the same as its own getrusage (Linux: /proc)', () => {
    const fromProc = processCpuMs(process.pid)!;
    const { user, system } = process.cpuUsage();
    // /proc counts in 10 ms ticks and the two reads are a moment apart.
    assert.ok(Math.abs(fromProc - (user + system) / 1000) <= 30, `/proc ${fromProc} ms, getrusage ${(user + system) / 1000} ms`);
  });

  it('is undefined for a process that has exited', () => {
    const { pid } = spawnSync(process.execPath, ['-e', '']);
    assert.equal(processCpuMs(pid!), undefined);
  });
});
