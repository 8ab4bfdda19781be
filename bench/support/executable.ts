// Finds an external program the benches use (wrk, haproxy) the way a shell would, so a bench can say how to
// install it instead of failing.

import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/** The first executable `name` on PATH, then in `extraDirs`, or undefined. */
export function findExecutable(name: string, extraDirs: readonly string[] = []): string | undefined {
  for (const dir of [...(process.env['PATH'] ?? '').split(path.delimiter), ...extraDirs]) {
    if (dir === '') continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}
