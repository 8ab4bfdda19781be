import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { isInfercapError } from '../../common/errors.ts';
import { buildLockFileName, withBuildLock } from '../../models/buildLock.ts';

describe('withBuildLock', async () => {
  const root = await mkdtemp(join(tmpdir(), 'infercap-lock-'));
  after(() => rm(root, { recursive: true, force: true }));
  const freshDir = async () => mkdtemp(join(root, 'dir-'));

  it('runs concurrent actions one after the other and removes the lock', async () => {
    const dir = await freshDir();
    const events: string[] = [];
    const action = (name: string) => async () => {
      events.push(`${name} start`);
      await sleep(30);
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([withBuildLock(dir, action('a'), { pollMs: 5 }), withBuildLock(dir, action('b'), { pollMs: 5 })]);
    assert.deepEqual(results, ['a', 'b']);
    // Which of the two takes the lock first is the file system's race; that they never overlap is the lock's.
    const first = events[0]!.split(' ')[0]!;
    const second = first === 'a' ? 'b' : 'a';
    assert.deepEqual(events, [`${first} start`, `${first} end`, `${second} start`, `${second} end`]);
    assert.deepEqual(await readdir(dir), []);
  });

  it('releases the lock when the action throws', async () => {
    const dir = await freshDir();
    await assert.rejects(withBuildLock(dir, async () => Promise.reject(new Error('boom'))), /boom/);
    assert.deepEqual(await readdir(dir), []);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, buildLockFileName), JSON.stringify({ pid: 2 ** 31 - 2, hostname: hostname() }));
    assert.equal(await withBuildLock(dir, async () => 'ran', { pollMs: 5 }), 'ran');
  });

  it('gives up after the timeout while a live process holds the lock', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, buildLockFileName), JSON.stringify({ pid: process.pid, hostname: hostname() }));
    await assert.rejects(
      withBuildLock(dir, async () => 'never', { timeoutMs: 50, pollMs: 10 }),
      (error) => isInfercapError(error) && error.code === 'E_MODELS_BUILD_LOCKED' && error.message.includes(buildLockFileName),
    );
  });
});
