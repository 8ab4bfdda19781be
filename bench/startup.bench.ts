// npm run bench:startup — how long the CLI takes to start, now that it runs compiled JavaScript and loads
// each command's modules only when that command runs. Medians of BENCH_RUNS (default 10) runs, measured
// interleaved with `node -e 0` (the floor: Node itself) so that a noisy machine moves both alike.
// Goals: `infercap --help` ≤ 0.3 s, `infercap hpa --input state.json` ≤ 0.3 s, a mnist-mlp replica
// ready (its "listening on" line) ≤ 1 s after spawn.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { infercapBin } from '../common/compiledProgram.ts';
import { ensureTestModels } from '../test/support/referenceServer.ts';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const hpaState = path.join(import.meta.dirname, 'fixtures', 'hpaState.json');

/** Milliseconds from spawn until `ready` says so (or the process exits), then stops the process by its pid. */
function timeStart(args: readonly string[], ready?: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let readyAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready !== undefined && readyAt === undefined && ready.test(out)) {
        readyAt = elapsed();
        child.kill('SIGTERM');
      }
    });
    child.stderr.resume();
    child.once('error', reject);
    child.once('exit', (code) => {
      if (ready !== undefined && readyAt === undefined) reject(new Error(`${args.join(' ')} exited (${code}) before it was ready: ${out}`));
      else if (ready === undefined && code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`));
      else resolve(readyAt ?? elapsed());
    });
  });
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

const modelsDir = await ensureTestModels();
const cases = [
  { name: 'node -e 0 (floor)', args: ['-e', '0'], goalMs: undefined },
  { name: 'infercap --help', args: [infercapBin, '--help'], goalMs: 300 },
  { name: 'infercap hpa --input state.json', args: [infercapBin, 'hpa', '--input', hpaState], goalMs: 300 },
  {
    name: 'mnist-mlp replica ready',
    args: [infercapBin, 'serve', '--models-dir', modelsDir, '--models', 'mnist-mlp', '--host', '127.0.0.1', '--port', '0', '--cache', 'off', '--log-level', 'error'],
    ready: /listening on http:\/\/\S+/,
    goalMs: 1000,
  },
] as const;

const samples = cases.map(() => [] as number[]);
for (let run = 0; run < runs; run++) {
  for (const [i, c] of cases.entries()) samples[i]!.push(await timeStart(c.args, 'ready' in c ? c.ready : undefined));
}

const floor = median(samples[0]!);
process.stdout.write(`\ninfercap start-up, medians of ${runs} interleaved runs (node ${process.version})\n\n`);
process.stdout.write(`${'what'.padEnd(34)}${'median'.padStart(10)}${'÷ floor'.padStart(10)}${'goal'.padStart(10)}  verdict\n`);
let missed = 0;
for (const [i, c] of cases.entries()) {
  const value = median(samples[i]!);
  const met = c.goalMs === undefined || value <= c.goalMs;
  if (!met) missed++;
  process.stdout.write(
    `${c.name.padEnd(34)}${seconds(value).padStart(10)}${`${(value / floor).toFixed(1)}x`.padStart(10)}${(c.goalMs === undefined ? '' : `≤ ${seconds(c.goalMs)}`).padStart(10)}  ${c.goalMs === undefined ? '' : met ? 'met' : 'NOT met'}\n`,
  );
}
process.exitCode = missed === 0 ? 0 : 1;
