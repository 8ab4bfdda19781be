import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeCiOutputs } from '../../../harness/gate/ciOutputs.ts';
import { junitReport } from '../../../harness/gate/junitReport.ts';
import { regressionGate } from '../../../harness/gate/regressionGate.ts';
import { summaryMarkdown } from '../../../harness/gate/summaryMarkdown.ts';
import type { ThresholdOutcome } from '../../../harness/gate/thresholdOutcome.ts';
import { constantRun } from './syntheticLoad.ts';

const thresholds: ThresholdOutcome[] = [{ metric: 'dropped', expression: '== 0', observed: 0, passed: true }];

async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'infercap-ci-'));
  try {
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('writeCiOutputs', () => {
  it('writes the JUnit report and the Markdown summary of the stored thresholds, and appends the summary to the step summary', () =>
    inTempDir(async (dir) => {
      const results = { ...constantRun(1.3), thresholds };
      const gate = regressionGate(constantRun(1), results);
      const stepSummary = join(dir, 'step.md');
      const paths = { junit: join(dir, 'ci', 'junit.xml'), summaryMarkdown: join(dir, 'ci', 'summary.md') };
      await writeCiOutputs(results, gate, paths, { GITHUB_STEP_SUMMARY: stepSummary });
      const markdown = summaryMarkdown({ results, thresholds, gate });
      assert.equal(await readFile(paths.junit, 'utf8'), junitReport({ scenario: 'steady', thresholds, gate }));
      assert.equal(await readFile(paths.summaryMarkdown, 'utf8'), markdown);
      assert.equal(await readFile(stepSummary, 'utf8'), `${markdown}\n`);
    }));

  it('writes nothing it was not asked for', () =>
    inTempDir(async (dir) => {
      await writeCiOutputs({ ...constantRun(1), thresholds }, undefined, { junit: undefined, summaryMarkdown: '' }, { GITHUB_STEP_SUMMARY: join(dir, 'step.md') });
      assert.deepEqual(await readdir(dir), []);
    }));
});
