// A lock file that keeps two processes (two test files, a test and `infercap models build`) from
// building into the same models directory at once: the second waits, then finds the models built.

import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { modelsBuildLocked } from '../common/errors.ts';
import { silentLogger, type Logger } from '../common/log.ts';

/** Name of the lock file inside the models directory. */
export const buildLockFileName = '.build.lock';

/** How long to wait for another build, and how often to look. */
export interface BuildLockOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  readonly logger?: Logger;
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock is stale when its owner, on this host, is gone (a build killed half way), or when it has
 * stayed unreadable (a crash between creating and writing it) for more than 30 s.
 */
async function lockIsStale(path: string): Promise<boolean> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as { pid?: unknown; hostname?: unknown };
    return owner.hostname === hostname() && typeof owner.pid === 'number' && !processIsAlive(owner.pid);
  } catch {
    try {
      return Date.now() - (await stat(path)).mtimeMs > 30_000;
    } catch {
      return false; // released meanwhile: not stale, just retry
    }
  }
}

async function tryAcquire(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(JSON.stringify({ pid: process.pid, hostname: hostname() }));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Runs `action` while holding the build lock of `modelsDir` (which must exist). */
export async function withBuildLock<T>(modelsDir: string, action: () => Promise<T>, options: BuildLockOptions = {}): Promise<T> {
  const { timeoutMs = 10 * 60_000, pollMs = 250, logger = silentLogger } = options;
  const path = join(modelsDir, buildLockFileName);
  const deadline = Date.now() + timeoutMs;
  let waiting = false;
  while (!(await tryAcquire(path))) {
    if (await lockIsStale(path)) {
      logger.warn('models_build_stale_lock_removed', { lock: path });
      await rm(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw modelsBuildLocked(modelsDir, path, Math.round(timeoutMs / 1000));
    }
    if (!waiting) logger.info('models_build_waiting', { lock: path });
    waiting = true;
    await sleep(pollMs);
  }
  try {
    return await action();
  } finally {
    await rm(path, { force: true });
  }
}
