// Harness durability: `infercap run` SIGKILLed mid-phase must leave a readable partial results file
// marked incomplete, and a target that dies mid-run must end the run with exit 1 and the results so far.

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readResults } from '../../harness/results/resultsFile.ts';
import type { RunResults } from '../../harness/results/runResults.ts';
import { spawnInfercap } from '../../harness/target/infercapProcess.ts';
import { within } from './within.ts';

export interface DurabilityOptions {
  /** Base URL of a server the harness drives (the kill test). */
  readonly url: string;
  readonly model: string;
  /** Where scenario and results files go. */
  readonly dir: string;
  readonly flushEvery: string;
  /** Answered requests to wait for in the partial file before killing. */
  readonly answeredBeforeKill: number;
}

export interface HarnessKillFigures {
  readonly partialReadable: boolean;
  readonly markedIncomplete: boolean;
  /** Answered requests in the file the killed harness left. */
  readonly answeredInFile: number;
}

export interface TargetDeathFigures {
  readonly exitCode: number | string;
  /** From the target's death to the harness's exit. */
  readonly exitAfterMs: number;
  readonly markedIncomplete: boolean;
  readonly answeredInFile: number;
}

const scenarioFor = (url: string, model: string) =>
  `name: durability\ntarget:\n  url: ${url}\nworkload:\n  model: ${model}\nphases:\n  - kind: open\n    rate: 50\n    duration: 120s\n`;

/** Polls `file` until it holds results with `answered` successful requests; throws after `timeoutMs`. */
export async function waitForPartialResults(file: string, answered: number, timeoutMs: number): Promise<RunResults> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (existsSync(file)) {
      const results = await readResults(file, ['run']);
      if (results.overall.counts.ok >= answered) return results;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no partial results with ${answered} answered requests in ${file} within ${timeoutMs} ms`);
}

async function startHarness(options: DurabilityOptions, url: string, name: string) {
  const scenario = path.join(options.dir, `${name}.yaml`);
  const out = path.join(options.dir, `${name}.json`);
  await writeFile(scenario, scenarioFor(url, options.model));
  const harness = spawnInfercap(['run', scenario, '--out', out, '--flush-every', options.flushEvery, '--quiet']);
  return { harness, out };
}

/** Starts a run against `options.url`, SIGKILLs the harness once partial results show traffic, reads what it left. */
export async function runHarnessKill(options: DurabilityOptions): Promise<HarnessKillFigures> {
  const { harness, out } = await startHarness(options, options.url, 'killed-harness');
  try {
    await waitForPartialResults(out, options.answeredBeforeKill, 30_000);
    harness.child.kill('SIGKILL');
    await harness.exited;
    try {
      const left = await readResults(out, ['run']);
      return { partialReadable: true, markedIncomplete: !left.complete, answeredInFile: left.overall.counts.ok };
    } catch {
      return { partialReadable: false, markedIncomplete: false, answeredInFile: 0 };
    }
  } finally {
    await harness.kill();
  }
}

/** Starts a run against `url`, calls `killTarget` once partial results show traffic, and times the harness's exit. */
export async function runTargetDeath(options: DurabilityOptions, url: string, killTarget: () => Promise<void>): Promise<TargetDeathFigures> {
  const { harness, out } = await startHarness(options, url, 'dying-target');
  try {
    await waitForPartialResults(out, options.answeredBeforeKill, 30_000);
    await killTarget();
    const died = performance.now();
    const exitCode = await within(harness.exited, 30_000, 'still running after 30 s');
    const exitAfterMs = performance.now() - died;
    const left = await readResults(out, ['run']);
    return { exitCode, exitAfterMs, markedIncomplete: !left.complete, answeredInFile: left.overall.counts.ok };
  } finally {
    await harness.kill();
  }
}
