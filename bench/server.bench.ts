// npm run bench:server — the reference server's speed on the heavy model, as ratios measured side by side
// in one run: bare ORT vs server, batching on vs off, int8 vs fp32, JSON vs Triton's binary tensor data
// (the harness's own request feed, MNIST digits, `workload.encoding`), cache off vs on at 0 % and 50 %
// repeated inputs. This machine is shared and noisy: every configuration is measured in several rounds,
// interleaved with the others (in a rotated order each round) against servers that stay warm, and the
// median round is reported.

import path from 'node:path';
import { createLogger } from '../common/log.ts';
import { serveFlagsToOptions } from '../harness/cli/commands/serve.ts';
import { startReferenceServerProcess, type ReferenceServerProcess } from '../harness/target/referenceServerProcess.ts';
import { createRequestFeed, requestFeedHeaders } from '../harness/workload/requestFeed.ts';
import { defaultModelsDir, ensureModels, loadMnistTestSplit } from '../models/index.ts';
import { bareRowsPerSecond } from './support/bareOrt.ts';
import { closedLoop, distinctRowBodies, rowJson, type ClosedLoopResult } from './support/closedLoop.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 6);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = 64;
const model = 'mnist-wide';

interface Configuration {
  readonly label: string;
  readonly serveArgs: readonly string[];
  readonly version: 'fp32' | 'int8';
  readonly bodies: () => string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  server?: ReferenceServerProcess;
  readonly runs: ClosedLoopResult[];
}

/** Every other request repeats one of 32 hot rows; the rest are distinct. */
function halfRepeatedBodies(): () => string {
  const fresh = distinctRowBodies(784, 1 << 29);
  const hot = Array.from({ length: 32 }, (_, i) => rowJson(i + 1));
  let n = 0;
  return () => (n++ % 2 === 0 ? hot[(n >> 1) % hot.length]! : fresh());
}

/** The harness's request feed over the MNIST test digits, in JSON or binary tensor data. */
function harnessFeed(encoding: 'json' | 'binary') {
  const split = loadMnistTestSplit();
  const options = { inputName: 'input', width: 784, rowsPerRequest: 1, pool: { rows: split.rows, count: split.count }, repeatRatio: 0, seed: 1, encoding };
  const feed = createRequestFeed(options);
  return { bodies: () => feed().body, headers: requestFeedHeaders(options) };
}

const batching = ['--max-batch-size', '32', '--max-queue-delay-ms', '2'];
const configurations: Configuration[] = [
  { label: 'fp32, batching on', serveArgs: [...batching, '--cache', 'off'], version: 'fp32', bodies: distinctRowBodies(784, 1), runs: [] },
  { label: 'fp32, batching off', serveArgs: ['--no-batching', '--cache', 'off'], version: 'fp32', bodies: distinctRowBodies(784, 1), runs: [] },
  { label: 'int8, batching on', serveArgs: [...batching, '--cache', 'off'], version: 'int8', bodies: distinctRowBodies(784, 1), runs: [] },
  { label: 'int8, batching off', serveArgs: ['--no-batching', '--cache', 'off'], version: 'int8', bodies: distinctRowBodies(784, 1), runs: [] },
  { label: 'int8, batching on, harness JSON', serveArgs: [...batching, '--cache', 'off'], version: 'int8', ...harnessFeed('json'), runs: [] },
  { label: 'int8, batching on, harness binary', serveArgs: [...batching, '--cache', 'off'], version: 'int8', ...harnessFeed('binary'), runs: [] },
  { label: 'fp32, batching on, harness binary', serveArgs: [...batching, '--cache', 'off'], version: 'fp32', ...harnessFeed('binary'), runs: [] },
  { label: 'fp32, batching on, lru, 0 % repeats', serveArgs: [...batching, '--cache', 'lru'], version: 'fp32', bodies: distinctRowBodies(784, 1), runs: [] },
  { label: 'fp32, batching on, lru, 50 % repeats', serveArgs: [...batching, '--cache', 'lru'], version: 'fp32', bodies: halfRepeatedBodies(), runs: [] },
];

const median = <T>(values: readonly T[], key: (value: T) => number): T => [...values].sort((a, b) => key(a) - key(b))[Math.floor(values.length / 2)]!;
const urlOf = (configuration: Configuration) => `${configuration.server!.url}/v2/models/${model}/versions/${configuration.version}/infer`;
const write = (text: string) => process.stdout.write(text);
const ratio = (name: string, value: number, goal: number) =>
  write(`  ${name.padEnd(64)} ${value.toFixed(2)}x   (goal ≥ ${goal}x: ${value >= goal ? 'met' : 'NOT met'})\n`);

await ensureModels(defaultModelsDir, createLogger('info', { component: 'models' }));
write(`bench:server — ${model}, ${connections} connections, one row per request, ${rounds} interleaved rounds of ${seconds} s, medians\n\n`);

try {
  for (const configuration of configurations) {
    configuration.server = await startReferenceServerProcess(serveFlagsToOptions(['--models', model, '--port', '0', '--log-level', 'warn', ...configuration.serveArgs]).server);
    await closedLoop(urlOf(configuration), connections, 2, configuration.bodies, configuration.headers); // warm-up, discarded
  }

  const bare: Record<string, number[]> = {};
  for (let round = 1; round <= rounds; round++) {
    write(`round ${round}/${rounds}\n`);
    for (const version of ['fp32', 'int8']) {
      for (const batch of [1, 32]) {
        (bare[`${version}@${batch}`] ??= []).push(
          await bareRowsPerSecond(path.join(defaultModelsDir, model, version, 'model.onnx'), batch, Math.min(seconds, 4)),
        );
      }
    }
    // Rotated each round, so that no configuration always runs right after the same neighbour.
    const order = configurations.map((_, i) => configurations[(i + round - 1) % configurations.length]!);
    for (const configuration of order) configuration.runs.push(await closedLoop(urlOf(configuration), connections, seconds, configuration.bodies, configuration.headers));
  }

  write('\nbare onnxruntime-node in process, server session options (rows/s, median):\n');
  const bareMedian = (key: string) => median(bare[key]!, (v) => v);
  for (const key of Object.keys(bare)) write(`  ${key.replace('@', ' batch ').padEnd(36)} ${bareMedian(key).toFixed(0).padStart(7)} rows/s   (rounds: ${bare[key]!.map((v) => v.toFixed(0)).join(', ')})\n`);

  write('\nserver, closed loop (cache off unless stated; median round):\n');
  const result = new Map<string, ClosedLoopResult>();
  for (const configuration of configurations) {
    const chosen = median(configuration.runs, (run) => run.rowsPerSecond);
    result.set(configuration.label, chosen);
    write(
      `  ${configuration.label.padEnd(38)} ${chosen.rowsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${chosen.p50Ms.toFixed(1).padStart(5)} ms   p99 ${chosen.p99Ms.toFixed(1).padStart(5)} ms` +
        `   non-2xx ${chosen.non2xx}  errors ${chosen.errors}  cache hits ${(chosen.cacheHitRatio * 100).toFixed(0)} %` +
        `   (rounds: ${configuration.runs.map((run) => run.rowsPerSecond.toFixed(0)).join(', ')})\n`,
    );
  }
  const rps = (label: string) => result.get(label)!.rowsPerSecond;

  write('\nratios (same run, same machine, medians):\n');
  ratio('batching on / off throughput (fp32)', rps('fp32, batching on') / rps('fp32, batching off'), 4);
  ratio('batching on / off throughput (int8)', rps('int8, batching on') / rps('int8, batching off'), 4);
  ratio('int8 / fp32 throughput (server, batching on, JSON)', rps('int8, batching on') / rps('fp32, batching on'), 2.5);
  ratio('int8 / fp32 throughput (server, batching on, binary)', rps('int8, batching on, harness binary') / rps('fp32, batching on, harness binary'), 2.8);
  ratio('int8 / fp32 rows/s (bare ORT, batch 32)', bareMedian('int8@32') / bareMedian('fp32@32'), 2.5);
  ratio('binary / JSON throughput (int8, batching on, MNIST rows)', rps('int8, batching on, harness binary') / rps('int8, batching on, harness JSON'), 1.3);
  ratio('server with batching / bare ORT at batch 32 (fp32, JSON)', rps('fp32, batching on') / bareMedian('fp32@32'), 0.7);
  ratio('server with batching / bare ORT at batch 32 (fp32, binary)', rps('fp32, batching on, harness binary') / bareMedian('fp32@32'), 0.7);
  ratio('server with batching / bare ORT at batch 32 (int8, JSON)', rps('int8, batching on') / bareMedian('int8@32'), 0.7);
  ratio('server with batching / bare ORT at batch 32 (int8, binary)', rps('int8, batching on, harness binary') / bareMedian('int8@32'), 0.7);
  ratio('cache at 0 % repeats / cache off throughput (fp32)', rps('fp32, batching on, lru, 0 % repeats') / rps('fp32, batching on'), 0.95);
  ratio('cache, 50 % / 0 % repeated inputs throughput', rps('fp32, batching on, lru, 50 % repeats') / rps('fp32, batching on, lru, 0 % repeats'), 1.8);
} finally {
  await Promise.all(configurations.map((configuration) => configuration.server?.stop()));
}
