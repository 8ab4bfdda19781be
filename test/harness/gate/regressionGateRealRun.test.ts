// The regression gate on real runs: the harness drives a real reference server (its own process, on
// loopback) through a proxy that sheds 9 % of requests with a fast 503; the baseline goes through the same
// proxy without the fault. Only what counts, not what times, is asserted here: on this shared machine a
// run's latency moves by ±50 % from one run to the next, so the latency faults (a stall every third
// second, a 30 % slowdown) are measured on real runs by `npm run bench:gate`, and proven on synthetic
// runs in regressionGate.test.ts.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFaultProxy, type Fault } from '../../../bench/gate/faultProxy.ts';
import { realRun } from '../../../bench/gate/realRun.ts';
import { regressionGate } from '../../../harness/gate/regressionGate.ts';
import type { RunResults } from '../../../harness/results/runResults.ts';
import { spawnServer, type ServerProcess } from '../../../reference-server/spawnServer.ts';
import { ensureTestModels } from '../../support/referenceServer.ts';

let server: ServerProcess;
let serverUrl: string;
before(async () => {
  server = spawnServer({ modelsDir: await ensureTestModels(), models: ['mnist-mlp'], cache: 'off', logLevel: 'warn' });
  serverUrl = await server.listening;
});
after(() => server.stop());

/** 6 s at 200 req/s: more whole seconds than the gate's minimum of 5. */
async function runThrough(fault: Fault): Promise<RunResults> {
  const proxy = await startFaultProxy(serverUrl, fault);
  try {
    return await realRun(proxy.url, 6);
  } finally {
    await proxy.close();
  }
}

describe('regressionGate on real runs against the reference server', () => {
  it('fails 9 % fast 503s on the error rate, and only a 1 pp rise is allowed', async () => {
    const baseline = await runThrough({ kind: 'none' });
    const current = await runThrough({ kind: 'shed', perHundred: 9 });
    const verdict = regressionGate(baseline, current);
    assert.equal(verdict.passed, false, verdict.lines.join('\n'));
    const errors = verdict.statistics.find((s) => s.name === 'error rate')!;
    assert.equal(errors.regressed, true, verdict.lines.join('\n'));
    // Every 100th request from the 1st is shed 9 times in 100: exactly 9 % of the measured phase's first 1,200 sends, give or take the phase's edges.
    assert.equal(current.phases[1]!.errors['503'], current.phases[1]!.counts.errors);
    assert.ok(Math.abs(current.phases[1]!.errorRate! - 0.09) < 0.01, String(current.phases[1]!.errorRate));
  });
});
