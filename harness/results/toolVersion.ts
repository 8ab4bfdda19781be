// The infercap version that wrote a results file: read from the package's package.json, found by walking
// up from this module, which sits at a different depth in the sources and in the dist/ build.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** `0.1.0`, or `unknown` when no infercap package.json is found above this module. */
export function toolVersion(): string {
  if (cached !== undefined) return cached;
  cached = 'unknown';
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    if (manifest.name === 'infercap' && typeof manifest.version === 'string') {
      cached = manifest.version;
      break;
    }
  }
  return cached;
}
