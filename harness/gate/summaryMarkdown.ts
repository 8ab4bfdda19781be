// `--summary-md file.md`: a run, its thresholds and the regression gate as Markdown tables, appended
// to GitHub Actions' job summary (`$GITHUB_STEP_SUMMARY`) when that is set.

import { appendFile } from 'node:fs/promises';
import type { RunResults } from '../results/runResults.ts';
import type { AggregateStats, PhaseStats } from '../stats/phaseStats.ts';
import { formatMetricValue, formatMs, formatPercent, formatPoints, formatRate } from './figureFormat.ts';
import { findingOf, formatGateChange, formatGateValue, type GateVerdict } from './regressionGate.ts';
import { thresholdMeasure, type ThresholdOutcome } from './thresholdOutcome.ts';

export interface SummaryInput {
  readonly results: RunResults;
  readonly thresholds: readonly ThresholdOutcome[];
  /** The regression gate's verdict, when one ran. */
  readonly gate?: GateVerdict;
}

const passMark = '✅';
const failMark = '❌';
const none = '–';

/** The Markdown summary (newline-terminated): verdict, per-phase table, thresholds, gate. */
export function summaryMarkdown({ results, thresholds, gate }: SummaryInput): string {
  const failedThresholds = thresholds.filter((t) => !t.passed).length;
  const passed = failedThresholds === 0 && (gate?.passed ?? true);
  const verdict = [
    thresholds.length === 0 ? 'no thresholds' : `${thresholds.length - failedThresholds} of ${thresholds.length} thresholds passed`,
    ...(gate === undefined ? [] : [`regression gate ${gate.passed ? 'passed' : 'failed'}`]),
  ].join('; ');
  const sections = [
    [`## infercap: ${cell(results.scenario.name)}`, '', `**${passed ? `${passMark} passed` : `${failMark} failed`}**: ${verdict}`],
    phaseTable(results),
    ...((results.overall.models?.length ?? 0) > 1 ? [modelTable(results.overall)] : []),
    ...(thresholds.length === 0 ? [] : [thresholdTable(thresholds)]),
    ...(gate === undefined ? [] : [gateTable(gate)]),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

/**
 * Appends `markdown` to the file `$GITHUB_STEP_SUMMARY` names (read from `env`), as GitHub Actions
 * expects of every step; returns that path, or undefined when the variable is unset or empty.
 */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (path === undefined || path === '') return undefined;
  // A blank line keeps this summary from running into the previous step's Markdown.
  await appendFile(path, `${markdown.endsWith('\n') ? markdown : `${markdown}\n`}\n`, 'utf8');
  return path;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function phaseTable(results: RunResults): string[] {
  const row = (label: string, stats: PhaseStats | AggregateStats, targetRate: number | undefined) => {
    const sent = formatRate(stats.sentRate);
    const errors = stats.errorRate === null ? none : `${stats.counts.errors} (${formatPercent(stats.errorRate)})`;
    const latency = (ms: number | null) => (ms === null ? none : formatMs(ms));
    return tableRow([
      label,
      targetRate === undefined ? sent : `${sent} of ${formatRate(targetRate)}`,
      formatRate(stats.throughput),
      latency(stats.latency.p50),
      latency(stats.latency.p95),
      latency(stats.latency.p99),
      errors,
      String(stats.counts.dropped),
    ]);
  };
  return [
    tableRow(['Phase', 'Sent rate (of target)', 'Throughput', 'p50', 'p95', 'p99', 'Errors', 'Dropped']),
    tableRow(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...results.phases.map((phase) => row(`${cell(phase.name)}${phase.warmup ? ' (warm-up)' : ''}`, phase, phase.targetRate)),
    row('**overall**', results.overall, undefined),
    '',
    `Rates are per second of the schedule window (overall ${seconds(results.overall.windowMs)}); the wait for the last answers after it (the drain, ${seconds(results.overall.drainMs)}) counts in the totals and latency, in no rate. Dropped requests were never sent and count as errors.`,
  ];
}

/** A mix of models: the overall figures of each model. */
function modelTable(overall: AggregateStats): string[] {
  const latency = (ms: number | null) => (ms === null ? none : formatMs(ms));
  return [
    '### By model',
    '',
    tableRow(['Model', 'Requests', 'Throughput', 'p50', 'p95', 'p99', 'Errors', 'Dropped']),
    tableRow(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...(overall.models ?? []).map((split) =>
      tableRow([
        cell(split.model),
        String(split.counts.sent + split.counts.dropped),
        formatRate(split.throughput),
        latency(split.latency.p50),
        latency(split.latency.p95),
        latency(split.latency.p99),
        split.errorRate === null ? none : `${split.counts.errors} (${formatPercent(split.errorRate)})`,
        String(split.counts.dropped),
      ]),
    ),
  ];
}

function thresholdTable(thresholds: readonly ThresholdOutcome[]): string[] {
  return [
    '### Thresholds',
    '',
    tableRow(['', 'Metric', 'Threshold', 'Observed']),
    tableRow(['---', '---', '---', '---:']),
    ...thresholds.map((t) =>
      tableRow([
        t.passed ? passMark : failMark,
        cell(thresholdMeasure(t)),
        cell(t.expression),
        t.observed === null ? cell(t.reason ?? none) : formatMetricValue(t.metric, t.observed),
      ]),
    ),
  ];
}

function gateTable(gate: GateVerdict): string[] {
  const ci = `${formatPercent(gate.confidence)} CI`;
  return [
    `### Regression gate: ${gate.passed ? `${passMark} passed` : `${failMark} failed`}`,
    '',
    `The run's own percentiles, throughput, error rate and dropped share, current against baseline, with a block bootstrap over 1-second intervals; a statistic fails when its whole ${ci} of the change lies beyond its margin (${formatPercent(gate.maxRegression)}, or ${formatPoints(gate.maxErrorIncrease)} for shares).`,
    '',
    tableRow(['', 'Statistic', 'Baseline', 'Current', 'Change', ci, 'Finding']),
    tableRow(['---', '---', '---:', '---:', '---:', '---:', '---']),
    ...gate.statistics.map((s) =>
      tableRow([
        s.regressed ? failMark : s.judged ? passMark : none,
        s.name,
        s.baseline === null ? none : formatGateValue(s, s.baseline),
        s.current === null ? none : formatGateValue(s, s.current),
        s.estimate === null ? none : formatGateChange(s, s.estimate),
        s.ciLow === null || s.ciHigh === null ? none : `${formatGateChange(s, s.ciLow)} … ${formatGateChange(s, s.ciHigh)}`,
        cell(findingOf(s)),
      ]),
    ),
  ];
}

const tableRow = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/**
 * User text (scenario, phase names, expressions) made inert in a table cell: `|` would end the cell,
 * `<` could open HTML, and `*`, `_`, `` ` ``, `[` would format; a newline would end the row.
 */
function cell(text: string): string {
  return text
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n|\r/g, ' ');
}
