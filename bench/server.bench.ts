// npm run bench:server — the reference server's speed on the heavy model, as ratios measured side by side
// in one run: bare ORT vs server, batching on vs off, int8 vs fp32, cache with 0 % vs 50 % repeated inputs.

import path from 'node:path';
import { startReferenceServerProcess } from '../harness/target/referenceServerProcess.ts';
import { defaultModelsDir, ensureModels } from '../reference-server/modelBuild/index.ts';
import { createLogger } from '../common/log.ts';
import { bareRowsPerSecond } from './support/bareOrt.ts';
import { closedLoop, rowJson, type ClosedLoopResult } from './support/closedLoop.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = 64;
const model = 'mnist-wide';

async function serverRun(label: string, serveArgs: string[], version: string, nextBody: () => string): Promise<ClosedLoopResult> {
  const server = await startReferenceServerProcess(['--models', model, '--log-level', 'warn', ...serveArgs]);
  try {
    const url = `${server.url}/v2/models/${model}/versions/${version}/infer`;
    await closedLoop(url, connections, 2, nextBody); // warm-up, discarded
    const result = await closedLoop(url, connections, seconds, nextBody);
    process.stdout.write(
      `  ${label.padEnd(34)} ${result.rowsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${String(result.p50Ms).padStart(4)} ms   p99 ${String(result.p99Ms).padStart(4)} ms` +
        `   non-2xx ${result.non2xx}  errors ${result.errors}  cache hits ${(result.cacheHitRatio * 100).toFixed(0)} %\n`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

/** Distinct rows: a fresh seed per request, so nothing repeats. */
function distinctBodies(): () => string {
  let seed = 1;
  return () => rowJson(seed++);
}

/** Half the requests repeat one of 32 hot rows, the other half are fresh. */
function halfRepeatedBodies(): () => string {
  let seed = 1_000_000;
  let n = 0;
  const hot = Array.from({ length: 32 }, (_, i) => rowJson(i + 1));
  return () => (n++ % 2 === 0 ? hot[(n >> 1) % hot.length]! : rowJson(seed++));
}

const ratio = (name: string, value: number, goal: number) =>
  process.stdout.write(`  ${name.padEnd(58)} ${value.toFixed(2)}x   (goal ≥ ${goal}x: ${value >= goal ? 'met' : 'NOT met'})\n`);

await ensureModels(defaultModelsDir, createLogger('info', { component: 'models' }));
process.stdout.write(`bench:server — ${model}, ${connections} connections, ${seconds} s per run, one row per request\n\n`);

process.stdout.write('bare onnxruntime-node, in process (rows/s):\n');
const bare: Record<string, number> = {};
for (const version of ['fp32', 'int8']) {
  for (const batch of [1, 32]) {
    bare[`${version}@${batch}`] = await bareRowsPerSecond(path.join(defaultModelsDir, model, version, 'model.onnx'), batch, Math.min(seconds, 5));
    process.stdout.write(`  ${`${version} batch ${batch}`.padEnd(34)} ${bare[`${version}@${batch}`]!.toFixed(0).padStart(7)} rows/s\n`);
  }
}

process.stdout.write('\nserver, closed loop (cache off unless stated):\n');
const batchingArgs = ['--max-batch-size', '32', '--max-queue-delay-ms', '2'];
const fp32On = await serverRun('fp32, batching on', [...batchingArgs, '--cache', 'off'], 'fp32', distinctBodies());
const fp32Off = await serverRun('fp32, batching off', ['--no-batching', '--cache', 'off'], 'fp32', distinctBodies());
const int8On = await serverRun('int8, batching on', [...batchingArgs, '--cache', 'off'], 'int8', distinctBodies());
const int8Off = await serverRun('int8, batching off', ['--no-batching', '--cache', 'off'], 'int8', distinctBodies());
const cache0 = await serverRun('fp32, batching on, lru, 0 % repeats', [...batchingArgs, '--cache', 'lru'], 'fp32', distinctBodies());
const cache50 = await serverRun('fp32, batching on, lru, 50 % repeats', [...batchingArgs, '--cache', 'lru'], 'fp32', halfRepeatedBodies());

process.stdout.write('\nratios (same run, same machine):\n');
ratio('batching on / off throughput (fp32)', fp32On.rowsPerSecond / fp32Off.rowsPerSecond, 4);
ratio('batching on / off throughput (int8)', int8On.rowsPerSecond / int8Off.rowsPerSecond, 4);
ratio('int8 / fp32 throughput (batching on)', int8On.rowsPerSecond / fp32On.rowsPerSecond, 2.5);
ratio('int8 / fp32 bare ORT rows/s at batch 32', bare['int8@32']! / bare['fp32@32']!, 2.5);
ratio('server with batching / bare ORT rows/s at batch 32 (fp32)', fp32On.rowsPerSecond / bare['fp32@32']!, 0.7);
ratio('server with batching / bare ORT rows/s at batch 32 (int8)', int8On.rowsPerSecond / bare['int8@32']!, 0.7);
ratio('cache, 50 % / 0 % repeated inputs throughput', cache50.rowsPerSecond / cache0.rowsPerSecond, 1.8);
