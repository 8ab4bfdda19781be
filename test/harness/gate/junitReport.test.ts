import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { junitReport } from '../../../harness/gate/junitReport.ts';
import { regressionGate } from '../../../harness/gate/regressionGate.ts';
import type { ThresholdOutcome } from '../../../harness/gate/thresholdOutcome.ts';
import { constantRun } from './syntheticLoad.ts';

const thresholds: ThresholdOutcome[] = [
  { metric: 'latency', expression: 'p(95) < 1ms', observed: 1.3, passed: false, reason: 'observed 1.3 ms, not < 1 ms' },
  { metric: 'error_rate', expression: '< 1%', observed: 0, passed: true },
];

describe('junitReport', () => {
  it('has one test case per threshold and per gate statistic, failures with their messages, declined statistics skipped with the reason', () => {
    const gate = regressionGate(constantRun(1), constantRun(1.3));
    assert.equal(
      junitReport({ scenario: 'smoke', thresholds, gate }),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="infercap" tests="9" failures="2" errors="0">',
        '  <testsuite name="smoke: thresholds" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase classname="infercap.smoke.thresholds" name="latency: p(95) &lt; 1ms">',
        '      <failure message="observed 1.3 ms, not &lt; 1 ms" type="threshold">latency: p(95) &lt; 1ms: observed 1.3 ms, not &lt; 1 ms</failure>',
        '    </testcase>',
        '    <testcase classname="infercap.smoke.thresholds" name="error_rate: &lt; 1%"/>',
        '  </testsuite>',
        '  <testsuite name="smoke: regression gate" tests="7" failures="1" errors="0" skipped="3">',
        '    <testcase classname="infercap.smoke.gate" name="p50">',
        '      <failure message="p50: 1 ms → 1.3 ms, +30.0% (95% CI +30.0% … +30.0%): regression beyond the 10% margin" type="regression">p50: 1 ms → 1.3 ms, +30.0% (95% CI +30.0% … +30.0%): regression beyond the 10% margin</failure>',
        '    </testcase>',
        ...([['p95', 200], ['p99', 1000], ['p99.9', 10000]] as const).flatMap(([name, needed]) => [
          `    <testcase classname="infercap.smoke.gate" name="${name}">`,
          `      <skipped message="not judged: the baseline has 100 latency samples, ${name} needs at least ${needed} in each run"/>`,
          '    </testcase>',
        ]),
        '    <testcase classname="infercap.smoke.gate" name="throughput"/>',
        '    <testcase classname="infercap.smoke.gate" name="error rate"/>',
        '    <testcase classname="infercap.smoke.gate" name="dropped share"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('escapes markup, quotes and characters XML cannot hold', () => {
    const outcome: ThresholdOutcome = { metric: 'dropped', expression: "== 0 'x'", observed: null, passed: false, reason: 'no\nsamples\u0001\uD800' };
    assert.equal(
      junitReport({ scenario: '<&">', thresholds: [outcome] }),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="infercap" tests="1" failures="1" errors="0">',
        '  <testsuite name="&lt;&amp;&quot;&gt;: thresholds" tests="1" failures="1" errors="0" skipped="0">',
        '    <testcase classname="infercap.&lt;&amp;&quot;&gt;.thresholds" name="dropped: == 0 &apos;x&apos;">',
        "      <failure message=\"no&#10;samples\uFFFD\uFFFD\" type=\"threshold\">dropped: == 0 'x': no\nsamples\uFFFD\uFFFD</failure>",
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty suite when there is nothing to judge', () => {
    assert.match(junitReport({ scenario: 'steady', thresholds: [] }), /<testsuites name="infercap" tests="0" failures="0" errors="0">\n {2}<testsuite name="steady: thresholds" tests="0" failures="0" errors="0" skipped="0">\n {2}<\/testsuite>\n/);
  });
});
