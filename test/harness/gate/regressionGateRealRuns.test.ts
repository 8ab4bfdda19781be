// The regression gate on real runs: the harness drives a real reference server on loopback through a
// proxy that injects each fault; the baseline goes through the same proxy without one.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { regressionGate } from '../../../harness/gate/regressionGate.ts';
import type { RunResults } from '../../../harness/results/runResults.ts';
import { runScenario } from '../../../harness/run/runScenario.ts';
import { parseScenario } from '../../../harness/scenario/loadScenario.ts';
import type { RunningServer } from '../../../reference-server/server.ts';
import { startTestServer } from '../../support/referenceServer.ts';
import { startFaultProxy, type Fault } from './faultProxy.ts';

let server: RunningServer;
before(async () => {
  server = await startTestServer({ models: ['mnist-mlp'], cache: 'off' });
});
after(() => server.close());

/**
 * 1 s of warm-up, then `seconds` at 200 req/s (2,000 samples in 10 s: enough for p99, not p99.9). On a
 * shared 2-core machine a second's latency swings by 2× or more, so 6 s left the block bootstrap's
 * intervals too wide to call even a 40 % slowdown; 10 s is the shortest that judged every fault here.
 */
async function runThrough(fault: Fault, seconds = 10): Promise<RunResults> {
  const proxy = await startFaultProxy(server.url, fault);
  try {
    const scenario = parseScenario(
      `name: gate-real
target: { url: "${proxy.url}" }
workload: { model: mnist-mlp }
phases:
  - { name: warmup, kind: open, rate: 200, duration: 1s, warmup: true }
  - { name: steady, kind: open, rate: 200, duration: ${seconds}s }
`,
      'gate-real.yaml',
    );
    const [results] = await runScenario(scenario, { scenarioFile: 'gate-real.yaml' });
    return results!;
  } finally {
    await proxy.close();
  }
}

describe('regressionGate on real runs against the reference server', () => {
  let baseline: RunResults;
  before(async () => {
    // A first run warms the server, the proxy and the harness (JIT, sockets) so the baseline measures a steady state.
    await runThrough({ kind: 'none' }, 2);
    baseline = await runThrough({ kind: 'none' });
  });

  it('fails a stall of 500 ms at the start of every third second', async () => {
    const verdict = regressionGate(baseline, await runThrough({ kind: 'stall', ms: 500 }));
    assert.equal(verdict.passed, false, verdict.lines.join('\n'));
    const regressed = verdict.statistics.filter((s) => s.regressed).map((s) => s.name);
    assert.ok(regressed.includes('p95'), verdict.lines.join('\n'));
  });

  it('fails 9 % fast 503s on the error rate', async () => {
    const verdict = regressionGate(baseline, await runThrough({ kind: 'shed', perHundred: 9 }));
    assert.equal(verdict.passed, false, verdict.lines.join('\n'));
    assert.ok(verdict.statistics.find((s) => s.name === 'error rate')!.regressed, verdict.lines.join('\n'));
  });

  it("fails a 30 % slowdown at the median: every answer held 30 % of the baseline's p50 longer", async () => {
    const verdict = regressionGate(baseline, await runThrough({ kind: 'slow', ms: 0.3 * baseline.phases[1]!.latency.p50! }));
    assert.equal(verdict.passed, false, verdict.lines.join('\n'));
    assert.ok(verdict.statistics.find((s) => s.name === 'p50')!.regressed, verdict.lines.join('\n'));
  });
});
