// The reliability suite: each part against its own server process (fuzz, overload, faults, harness
// durability), with the figures gathered for one table. `short` runs the same parts briefly.

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../../common/log.ts';
import { runHarnessKill, runTargetDeath } from './durabilityRun.ts';
import { runFuzz } from './fuzzRun.ts';
import { runOverload } from './overloadRun.ts';
import { runRedisOutage, type RedisControl } from './redisOutageRun.ts';
import type { SuiteFigures } from './reliabilityTable.ts';
import { runReplicaKill } from './replicaKillRun.ts';
import { runSigtermUnderLoad } from './sigtermRun.ts';
import { singleVersionModelsDir, startSuiteServer, type SuiteServer } from './suiteServer.ts';
import { cycle, validBodies } from './validBodies.ts';

export interface SuiteOptions {
  readonly modelsDir: string;
  /** Brief runs (seconds) instead of the full ones. */
  readonly short: boolean;
  /** Starts a throwaway Redis for the Redis fault; undefined skips it (say why in `redisMissing`). */
  readonly startRedis?: () => Promise<RedisControl & { url: string; stop(): Promise<void> }>;
  readonly redisMissing?: string;
  readonly seed: number;
  readonly log: Logger;
}

/** Limits of the fuzzed server, small enough that "huge" requests stay cheap to send. */
export const fuzzLimits = { bodyLimitBytes: 65_536, maxJsonDepth: 32, maxTensorElements: 4 * 784, headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 } as const;

const mlp = { model: 'mnist-mlp', inputName: 'input', width: 784 } as const;
const inferUrl = (server: SuiteServer, model: string) => `${server.url}/v2/models/${model}/infer`;

async function withServer<T>(args: readonly string[], body: (server: SuiteServer) => Promise<T>): Promise<T> {
  const server = await startSuiteServer(args);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

export async function runFuzzPart(options: SuiteOptions): Promise<SuiteFigures['fuzz']> {
  const args = ['--models', mlp.model, '--models-dir', options.modelsDir, '--body-limit-bytes', String(fuzzLimits.bodyLimitBytes), '--max-json-depth', String(fuzzLimits.maxJsonDepth),
    '--max-tensor-elements', String(fuzzLimits.maxTensorElements), '--headers-timeout-ms', String(fuzzLimits.headersTimeoutMs), '--request-timeout-ms', String(fuzzLimits.requestTimeoutMs)];
  return withServer(args, (server) =>
    runFuzz({
      port: server.port,
      context: { ...mlp, ...fuzzLimits },
      valid: { url: inferUrl(server, mlp.model), body: cycle(validBodies(mlp.inputName, mlp.width, 64, options.seed)), timeoutMs: 10_000 },
      validRate: 50,
      baselineMs: options.short ? 2_000 : 10_000,
      hostileCount: options.short ? 600 : 10_000,
      seed: options.seed,
      concurrency: 16,
      exchangeWaitMs: 10_000,
      crashed: server.crashed,
    }),
  );
}

export async function runOverloadPart(options: SuiteOptions): Promise<SuiteFigures['overload']> {
  // The compute-heavy model (int8 only: the fp32 file is 563 MB), so that inference, not HTTP, saturates.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infercap-overload-'));
  try {
    const modelsDir = singleVersionModelsDir(options.modelsDir, 'mnist-wide', 'int8', dir);
    const queueTimeoutMs = 100;
    const args = ['--models-dir', modelsDir, '--cache', 'off', '--queue-timeout-ms', String(queueTimeoutMs), '--max-queue-size', '64'];
    return await withServer(args, (server) =>
      runOverload({
        target: { url: inferUrl(server, 'mnist-wide'), body: cycle(validBodies('input', 784, 256, options.seed)), timeoutMs: 30_000 },
        pid: server.pid,
        capacityConnections: 16,
        capacityMs: options.short ? 2_000 : 5_000,
        normalShare: 0.5,
        normalMs: options.short ? 2_000 : 5_000,
        factor: 5,
        overloadMs: options.short ? 3_000 : 30_000,
        recoveryWatchMs: options.short ? 5_000 : 10_000,
        queueTimeoutMs,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runSigtermPart(options: SuiteOptions): Promise<SuiteFigures['sigterm']> {
  const server = await startSuiteServer(['--models', mlp.model, '--models-dir', options.modelsDir, '--cache', 'off']);
  try {
    return await runSigtermUnderLoad({
      server,
      target: { url: inferUrl(server, mlp.model), body: cycle(validBodies(mlp.inputName, mlp.width, 64, options.seed)), timeoutMs: 30_000 },
      connections: 16,
      beforeMs: options.short ? 1_500 : 5_000,
      exitWaitMs: 40_000,
    });
  } finally {
    await server.stop();
  }
}

export async function runReplicaKillPart(options: SuiteOptions): Promise<SuiteFigures['replicaKill']> {
  return withServer(['--models', mlp.model, '--models-dir', options.modelsDir, '--cache', 'off', '--replicas', '3', '--balancer', 'round-robin'], (server) =>
    runReplicaKill({
      balancerUrl: server.url,
      target: { url: inferUrl(server, mlp.model), body: cycle(validBodies(mlp.inputName, mlp.width, 64, options.seed)), timeoutMs: 30_000 },
      connections: 8,
      beforeMs: options.short ? 1_500 : 5_000,
      afterMs: options.short ? 3_000 : 10_000,
    }),
  );
}

export async function runRedisPart(options: SuiteOptions): Promise<SuiteFigures['redisOutage']> {
  if (options.startRedis === undefined) return { skipped: options.redisMissing ?? 'no Redis' };
  const redis = await options.startRedis();
  try {
    return await withServer(['--models', mlp.model, '--models-dir', options.modelsDir, '--cache', 'redis', '--redis-url', redis.url], (server) =>
      runRedisOutage({
        target: { url: inferUrl(server, mlp.model), body: cycle(validBodies(mlp.inputName, mlp.width, 20, options.seed)), timeoutMs: 30_000 },
        redis,
        rate: 100,
        beforeMs: options.short ? 2_000 : 5_000,
        outageMs: options.short ? 2_000 : 5_000,
        afterMs: options.short ? 3_000 : 5_000,
      }),
    );
  } finally {
    await redis.stop();
  }
}

export async function runDurabilityPart(options: SuiteOptions): Promise<Pick<SuiteFigures, 'harnessKill' | 'targetDeath'>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'infercap-durability-'));
  const serverArgs = ['--models', mlp.model, '--models-dir', options.modelsDir];
  try {
    const durability = { model: mlp.model, dir, flushEvery: '500ms', answeredBeforeKill: 20 };
    const harnessKill = await withServer(serverArgs, (server) => runHarnessKill({ ...durability, url: server.url }));
    const doomed = await startSuiteServer(serverArgs);
    try {
      const targetDeath = await runTargetDeath({ ...durability, url: doomed.url }, doomed.url, async () => {
        doomed.signal('SIGKILL');
        await doomed.exited;
      });
      return { harnessKill, targetDeath };
    } finally {
      await doomed.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every part in turn; a part that throws becomes a failed row carrying its error, and the others still run. */
export async function runReliabilitySuite(options: SuiteOptions): Promise<SuiteFigures> {
  const figures: SuiteFigures = {};
  const part = async (name: string, run: () => Promise<void>) => {
    options.log.info('reliability.part', { part: name });
    try {
      await run();
    } catch (error) {
      options.log.error('reliability.part_failed', { part: name, error: (error as Error).stack ?? String(error) });
      (figures.crashed ??= []).push({ part: name, error: firstLine(error) });
    }
  };
  await part('fuzz', async () => void (figures.fuzz = await runFuzzPart(options)));
  await part('overload', async () => void (figures.overload = await runOverloadPart(options)));
  await part('sigterm', async () => void (figures.sigterm = await runSigtermPart(options)));
  await part('replica-kill', async () => void (figures.replicaKill = await runReplicaKillPart(options)));
  await part('redis-outage', async () => void (figures.redisOutage = await runRedisPart(options)));
  await part('durability', async () => void Object.assign(figures, await runDurabilityPart(options)));
  return figures;
}
