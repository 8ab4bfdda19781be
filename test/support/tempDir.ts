// A temporary directory for one test file, created before its tests and removed after them.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

/** Registers before/after hooks; `path()` is valid inside tests. */
export function useTempDir(prefix: string): { path(): string } {
  let dir: string | undefined;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  });
  after(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return {
    path: () => {
      if (dir === undefined) throw new Error('the temporary directory exists only while the tests run');
      return dir;
    },
  };
}
