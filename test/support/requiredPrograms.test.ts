// The guard for tests that need redis-server or a Chromium: where it looks, when it skips, and that no
// test in the suite skips for any other reason.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { everyProgramRequired, locateProgram, skipsFor } from './requiredPrograms.ts';

const noPath = { PATH: '' };

describe('locateProgram', () => {
  it('takes the executable its variable names, and only if it is executable', () => {
    assert.equal(locateProgram('redis-server', { ...noPath, REDIS_SERVER: process.execPath }), process.execPath);
    assert.equal(locateProgram('chromium', { ...noPath, CHROME_PATH: process.execPath }), process.execPath);
    assert.equal(locateProgram('chromium', { ...noPath, INFERCAP_CHROMIUM: process.execPath, CHROME_PATH: '/nowhere' }), process.execPath);
    assert.equal(locateProgram('redis-server', { ...noPath, REDIS_SERVER: '/nowhere/redis-server' }), undefined);
  });

  it('looks on PATH under each of the program names, before the usual install places', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'infercap-path-'));
    try {
      symlinkSync(process.execPath, path.join(dir, 'chromium-browser'));
      assert.equal(locateProgram('chromium', { PATH: `/nowhere${path.delimiter}${dir}` }), path.join(dir, 'chromium-browser'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('skipsFor', () => {
  it('skips only when the program is absent and CI=true / INFERCAP_REQUIRE_ALL=1 are not set', () => {
    const absent = { ...noPath, REDIS_SERVER: '/nowhere' };
    assert.equal(skipsFor('redis-server', { ...noPath, REDIS_SERVER: process.execPath }), false);
    assert.equal(everyProgramRequired({ CI: 'true' }), true);
    assert.equal(everyProgramRequired({ INFERCAP_REQUIRE_ALL: '1' }), true);
    assert.equal(everyProgramRequired({ CI: 'false' }), false);
    assert.equal(skipsFor('redis-server', { ...absent, CI: 'true' }), false);
    assert.equal(skipsFor('redis-server', { ...absent, INFERCAP_REQUIRE_ALL: '1' }), false);
  });
});

describe('the test suite', () => {
  it('skips no test except through needs() (no .skip, .todo or skip: option elsewhere)', async () => {
    const root = path.join(import.meta.dirname, '..');
    const files = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.test.ts'));
    const offenders = files.filter((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      return /\b(it|test|describe)\.(skip|todo)\(|\{\s*(skip|todo)\s*:|\bt\.(skip|todo)\(/.test(source);
    });
    assert.deepEqual(offenders, []);
  });
});
