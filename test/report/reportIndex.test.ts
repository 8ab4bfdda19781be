import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { linkFrom, writeReportIndex } from '../../report/reportIndex.ts';
import { useTempDir } from '../support/tempDir.ts';
import { externalReferences, rowsOf, tableOf } from './pageChecks.ts';

const temp = useTempDir('infercap-report-index');

describe('linkFrom', () => {
  it('links relative and absolute paths relatively, each segment encoded', () => {
    assert.equal(linkFrom('/r/demo', 'runs/a b/index.html'), 'runs/a%20b/index.html');
    assert.equal(linkFrom('/r/demo', '/r/demo/plan/index.html'), 'plan/index.html');
    assert.equal(linkFrom('/r/demo', '/r/other/index.html'), '../other/index.html');
  });
});

describe('writeReportIndex', () => {
  it('lists every report with its kind, finding and verdict, user text escaped', async () => {
    const dir = path.join(temp.path(), 'demo');
    const index = await writeReportIndex(
      [
        { title: 'smoke', path: 'smoke/index.html', kind: 'run', headline: '50/s', passed: true, source: 'smoke.json' },
        { title: '<script>alert(1)</script>', path: path.join(dir, 'compare', 'index.html'), kind: 'comparison', headline: 'int8 against fp32: throughput 2.000×' },
        { title: 'plan', path: 'plan/index.html', kind: 'plan', headline: 'none meets p95 < 100ms', passed: false },
      ],
      dir,
      'infercap demo',
    );
    assert.equal(index, path.join(dir, 'index.html'));
    const page = await readFile(index, 'utf8');
    assert.match(page, /<h1>infercap demo<\/h1>/);
    assert.deepEqual(rowsOf(tableOf(page, 'reports')), [
      ['smoke', 'Run', '50/s', 'passed', 'smoke.json'],
      ['&lt;script&gt;alert(1)&lt;/script&gt;', 'Comparison', 'int8 against fp32: throughput 2.000×', '–', '–'],
      ['plan', 'Capacity plan', 'none meets p95 &lt; 100ms', 'failed', '–'],
    ]);
    assert.ok(page.includes('<a href="compare/index.html">'));
    assert.doesNotMatch(page, /<script/i);
    assert.deepEqual(externalReferences(page), []);
  });
});
