#!/usr/bin/env node
// Entry point of the `infercap` CLI: runs the compiled program in dist/ (built by `npm ci` through the
// prepare script, and by `npm run build`), so that no start compiles TypeScript.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/harness/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('infercap: the compiled program (dist/) is missing; run "npm run build" (npm ci runs it too)\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));
