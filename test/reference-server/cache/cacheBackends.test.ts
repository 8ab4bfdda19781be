import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { optionsFromSchema } from '../../../harness/cli/schemaOptions.ts';
import { cacheBackendHelp, cacheBackendNames, cacheBackends, requiredOptionsOf } from '../../../reference-server/cache/cacheBackends.ts';
import { createPredictionCache } from '../../../reference-server/cache/createPredictionCache.ts';
import { resolveServerOptions, serverOptionsSchema } from '../../../reference-server/config/serverOptions.ts';
import { runResultsSchema } from '../../../harness/results/runResults.ts';
import { scenarioSchema } from '../../../harness/scenario/scenarioSchema.ts';

/** A value for each option a backend may require, accepted by its check. */
const requiredValues = { redisUrl: 'redis://127.0.0.1:1' } as const;

describe('cacheBackends', () => {
  it('lists lru, redis and off, lru (the default) first', () => {
    assert.deepEqual(cacheBackendNames, ['lru', 'redis', 'off']);
    assert.equal(resolveServerOptions({}).cache, cacheBackendNames[0]);
    assert.equal(cacheBackendHelp, 'Prediction cache backend: lru (in-process LRU), redis (shared through Redis), off (no caching)');
  });

  it('every registered backend is a --cache choice, accepted by the server options and results, and builds its cache', async () => {
    // The flags of `infercap serve` are generated from the server's schema.
    const cacheFlag = optionsFromSchema(serverOptionsSchema, { defaultVersions: false })['cache'];
    assert.deepEqual([cacheFlag?.choices, cacheFlag?.default, cacheFlag?.describe], [cacheBackendNames, 'lru', cacheBackendHelp]);
    for (const name of cacheBackendNames) {
      const required = Object.fromEntries(requiredOptionsOf(name).map(({ option }) => [option, requiredValues[option]]));
      const options = resolveServerOptions({ cache: name, ...required });
      assert.equal(options.cache, name);
      assert.ok(runResultsSchema.shape.target.shape.resolved.unwrap().shape.cache.safeParse(name).success, name);
      // Port 1 on loopback has nothing listening: a Redis client is built, fails to connect, and closes.
      const cache = await createPredictionCache({ backend: name, maxEntries: 10, maxBytes: 1_000, ttlMs: 1_000, ...required });
      assert.equal(cache.kind, name);
      assert.equal(await cache.get('k'), undefined);
      await cache.close();
    }
  });

  it('each required option is refused when missing, by the server and by a scenario, naming it', () => {
    for (const name of cacheBackendNames) {
      for (const { option, example } of requiredOptionsOf(name)) {
        assert.throws(() => resolveServerOptions({ cache: name }), { code: 'E_INVALID_OPTION' });
        const parsed = scenarioSchema.safeParse({
          name: 's',
          target: { reference: { cache: name } },
          workload: { model: 'mnist-mlp' },
          phases: [{ kind: 'closed', connections: 1, duration: '1s' }],
        });
        assert.equal(parsed.success, false);
        assert.deepEqual(parsed.error?.issues.map((issue) => [issue.path, issue.message]), [
          [['target', 'reference', 'cache'], `the ${name} cache needs ${option} too (e.g. ${option}: ${example})`],
        ]);
      }
    }
    assert.deepEqual(cacheBackendNames.filter((name) => requiredOptionsOf(name).length > 0), ['redis']);
  });

  it('loads the Redis client only when the redis backend is chosen', () => {
    // A fresh process: whether ioredis is in the CommonJS module cache after each step.
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).some((path) => path.includes('/node_modules/ioredis/'));
      const { resolveServerOptions } = await import('./reference-server/config/serverOptions.ts');
      const { createPredictionCache } = await import('./reference-server/cache/createPredictionCache.ts');
      resolveServerOptions({ cache: 'redis', redisUrl: 'redis://127.0.0.1:1' });
      for (const backend of ['lru', 'off']) await (await createPredictionCache({ backend, maxEntries: 1, maxBytes: 1, ttlMs: 1 })).close();
      const before = loaded();
      await (await createPredictionCache({ backend: 'redis', maxEntries: 1, maxBytes: 1, ttlMs: 1, redisUrl: 'redis://127.0.0.1:1' })).close();
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout), { before: false, after: true });
  });

  it('each entry loads a module with a createCache factory', async () => {
    for (const name of cacheBackendNames) assert.equal(typeof (await cacheBackends[name].load()).createCache, 'function', name);
  });
});
