// npm run bench:startup — how long the CLI takes to start, now that it runs compiled JavaScript and loads
// each command's modules only when that command runs. Medians of BENCH_RUNS (default 10) runs, measured
// interleaved with `node -e 0` (the floor: Node itself) so that a noisy machine moves both alike.
// Goals: `infercap --help` ≤ 0.3 s, `infercap hpa --input state.json` ≤ 0.3 s, a mnist-mlp replica
// ready (spawnServer() heard it listen, both model versions loaded and warmed up) ≤ 1 s after spawn.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { infercapBin } from '../common/compiledProgram.ts';
import { spawnServer } from '../reference-server/spawnServer.ts';
import { ensureTestModels } from '../test/support/referenceServer.ts';

const runs = Number(process.env.BENCH_RUNS ?? 10);
const hpaState = path.join(import.meta.dirname, 'fixtures', 'hpaState.json');

const elapsedSince = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

/** Milliseconds from spawn until the process exits (it must exit 0). */
function timeCommand(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(elapsedSince(started)) : reject(new Error(`${args.join(' ')} exited with ${code}`))));
  });
}

/** Milliseconds from spawn until a mnist-mlp replica listens; then it is stopped by its pid. */
async function timeReplica(modelsDir: string): Promise<number> {
  const started = process.hrtime.bigint();
  const replica = spawnServer({ modelsDir, models: ['mnist-mlp'], cache: 'off', logLevel: 'error' });
  try {
    await replica.listening;
    return elapsedSince(started);
  } finally {
    await replica.stop();
  }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

const modelsDir = await ensureTestModels();
const cases: readonly { name: string; time: () => Promise<number>; goalMs?: number }[] = [
  { name: 'node -e 0 (floor)', time: () => timeCommand(['-e', '0']) },
  { name: 'infercap --help', time: () => timeCommand([infercapBin, '--help']), goalMs: 300 },
  { name: 'infercap hpa --input state.json', time: () => timeCommand([infercapBin, 'hpa', '--input', hpaState]), goalMs: 300 },
  { name: 'mnist-mlp replica ready', time: () => timeReplica(modelsDir), goalMs: 1000 },
];

const samples = cases.map(() => [] as number[]);
for (let run = 0; run < runs; run++) {
  for (const [i, c] of cases.entries()) samples[i]!.push(await c.time());
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
