// `--junit file.xml`: thresholds and the regression gate as JUnit test cases, the format every CI
// system shows as test results (one test case per threshold, like k6's JUnit summary).

import type { GateVerdict } from './regressionGate.ts';
import { thresholdMeasure, type ThresholdOutcome } from './thresholdOutcome.ts';

export interface JunitReportInput {
  /** The scenario's name; suites and class names carry it so reports of several scenarios stay apart. */
  readonly scenario: string;
  readonly thresholds: readonly ThresholdOutcome[];
  /** The regression gate's verdict, when one ran: one more suite, a test case per statistic. */
  readonly gate?: GateVerdict;
}

interface TestCase {
  readonly name: string;
  /** Absent when the case passed. */
  readonly failure?: { readonly message: string; readonly type: string; readonly text: string };
  /** Why the case was not judged (a percentile with too few samples). */
  readonly skipped?: string;
}

/** The JUnit XML document (UTF-8, newline-terminated) for `input`. */
export function junitReport({ scenario, thresholds, gate }: JunitReportInput): string {
  const suites = [
    suite(`${scenario}: thresholds`, `infercap.${scenario}.thresholds`, thresholds.map(thresholdCase)),
    ...(gate === undefined ? [] : [suite(`${scenario}: regression gate`, `infercap.${scenario}.gate`, gateCases(gate))]),
  ];
  const tests = suites.reduce((sum, s) => sum + s.tests, 0);
  const failures = suites.reduce((sum, s) => sum + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="infercap" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites.flatMap((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function thresholdCase(outcome: ThresholdOutcome): TestCase {
  const name = `${thresholdMeasure(outcome)}: ${outcome.expression}`;
  if (outcome.passed) return { name };
  const message = outcome.reason ?? 'failed';
  return { name, failure: { message, type: 'threshold', text: `${name}: ${message}` } };
}

function gateCases(gate: GateVerdict): TestCase[] {
  // lines[0] is the overall verdict, then one line per statistic in the same order.
  return gate.statistics.map((statistic, i) => {
    if (!statistic.judged) return { name: statistic.name, skipped: statistic.reason ?? 'not judged' };
    if (!statistic.regressed) return { name: statistic.name };
    const message = gate.lines[i + 1] ?? `${statistic.name} regressed`;
    return { name: statistic.name, failure: { message, type: 'regression', text: message } };
  });
}

function suite(name: string, classname: string, cases: readonly TestCase[]) {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const xml = [
    `  <testsuite name="${attribute(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`,
    ...cases.flatMap((c) => {
      const open = `    <testcase classname="${attribute(classname)}" name="${attribute(c.name)}"`;
      if (c.skipped !== undefined) return [`${open}>`, `      <skipped message="${attribute(c.skipped)}"/>`, '    </testcase>'];
      if (c.failure === undefined) return [`${open}/>`];
      const { message, type, text } = c.failure;
      return [`${open}>`, `      <failure message="${attribute(message)}" type="${type}">${escapeXml(text)}</failure>`, '    </testcase>'];
    }),
    '  </testsuite>',
  ];
  return { tests: cases.length, failures, xml };
}

/**
 * Text made safe for XML 1.0 element content: markup characters escaped, and characters XML cannot
 * hold at all (control characters, lone surrogates) replaced by U+FFFD, since a parser rejects the
 * whole file for one of them.
 */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Text made safe inside a double-quoted attribute; newlines and tabs kept as references, not normalised to spaces. */
function attribute(text: string): string {
  return escapeXml(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
