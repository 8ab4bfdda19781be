// Where the compiled program lives: worker threads and child processes always run the JavaScript in dist/
// (built by `npm ci` and `npm run build`), whether their parent runs from dist/ (the CLI) or from the
// TypeScript sources (the tests), so that nothing compiles TypeScript when it starts.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledProgramMissing, packageRootMissing } from './errors.ts';

/** The repository's root: the nearest folder above this module that holds package.json (from common/ or dist/common/). */
export const repositoryRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw packageRootMissing(fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

/** The `infercap` executable, which runs dist/harness/cli/main.js. */
export const infercapBin: string = path.join(repositoryRoot, 'bin', 'infercap.js');

/**
 * The compiled module of a source file, e.g. `reference-server/inference/sessionWorker.ts` →
 * `<root>/dist/reference-server/inference/sessionWorker.js`. Throws the catalogue's error when it was not built.
 */
export function compiledModule(sourcePath: string): URL {
  const file = path.join(repositoryRoot, 'dist', sourcePath.replace(/\.ts$/, '.js'));
  if (!existsSync(file)) throw compiledProgramMissing(file);
  return pathToFileURL(file);
}
