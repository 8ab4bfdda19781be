import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { writeFileAtomic } from '../../models/atomicWrite.ts';

describe('writeFileAtomic', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-atomic-'));
  after(() => rm(dir, { recursive: true, force: true }));

  it('creates parent directories, writes, replaces, and leaves no temporary file', async () => {
    const path = join(dir, 'a', 'b', 'file.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, Uint8Array.of(0x6f, 0x6b));
    assert.equal(await readFile(path, 'utf8'), 'ok');
    assert.deepEqual(await readdir(join(dir, 'a', 'b')), ['file.json']);
  });

  it('fails without leaving a temporary file when the target is a directory', async () => {
    await assert.rejects(writeFileAtomic(join(dir, 'a'), 'x'));
    assert.deepEqual(await readdir(dir), ['a']);
  });
});
