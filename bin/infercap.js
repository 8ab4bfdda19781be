#!/usr/bin/env node
// Entry point of the `infercap` CLI: registers the TypeScript loader, then runs the yargs program.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
await main(process.argv.slice(2));
