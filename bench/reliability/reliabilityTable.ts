// The reliability suite's figures as one table: each figure with its goal and whether it was met.
// Pure: figures in, rows and text out.

import type { ReliabilityRow, Verdict } from '../../harness/results/reliabilityResults.ts';
import type { HarnessKillFigures, TargetDeathFigures } from './durabilityRun.ts';
import type { FuzzFigures } from './fuzzRun.ts';
import type { OverloadFigures } from './overloadRun.ts';
import type { RedisOutageFigures } from './redisOutageRun.ts';
import type { ReplicaKillFigures } from './replicaKillRun.ts';
import type { SigtermFigures } from './sigtermRun.ts';

/** A part that could not run here, and why. */
export interface Skipped {
  readonly skipped: string;
}

/** A part that threw instead of finishing: a failed row, never a missing one. */
export interface CrashedPart {
  readonly part: string;
  /** The error's message (its first line). */
  readonly error: string;
}

export interface SuiteFigures {
  crashed?: CrashedPart[];
  fuzz?: FuzzFigures;
  overload?: OverloadFigures;
  sigterm?: SigtermFigures;
  replicaKill?: ReplicaKillFigures | Skipped;
  redisOutage?: RedisOutageFigures | Skipped;
  harnessKill?: HarnessKillFigures;
  targetDeath?: TargetDeathFigures;
}

export type { Verdict } from '../../harness/results/reliabilityResults.ts';
export type TableRow = ReliabilityRow;

/** `met` or `missed` from a comparison; `not exercised` when the figure could not be measured. */
const judged = (met: boolean | null): Verdict => (met === null ? 'not exercised' : met ? 'met' : 'missed');
const noGoal: Verdict = 'no goal';

const ms = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} ms`);
const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
const isSkipped = (value: unknown): value is Skipped => typeof value === 'object' && value !== null && 'skipped' in value;

function fuzzRows(f: FuzzFigures, short: boolean): TableRow[] {
  const part = 'fuzz';
  return [
    { part, figure: 'hostile requests sent', value: String(f.hostile), goal: short ? '≥ 10000 in the full suite' : '≥ 10000', verdict: short ? noGoal : judged(f.hostile >= 10_000) },
    { part, figure: 'server crashes', value: String(f.crashes), goal: '0', verdict: judged(f.crashes === 0) },
    { part, figure: '5xx answers (hostile and valid)', value: String(f.fiveHundreds), goal: '0', verdict: judged(f.fiveHundreds === 0) },
    { part, figure: 'hostile answered 4xx', value: `${f.hostileAnswered4xx} of ${f.hostile}`, goal: 'all', verdict: judged(f.hostileAnswered4xx === f.hostile) },
    { part, figure: 'hostile answered with an error message', value: `${f.hostileWithMessage} of ${f.hostile}`, goal: 'all', verdict: judged(f.hostileWithMessage === f.hostile) },
    { part, figure: 'hostile answered with another status than expected', value: String(f.hostileUnexpected), goal: '0', verdict: judged(f.hostileUnexpected === 0) },
    { part, figure: 'valid requests failed during the fuzz', value: `${f.valid.during.failed} of ${f.valid.during.sent}`, goal: '0', verdict: judged(f.valid.during.failed === 0) },
    { part, figure: 'valid p99 before / during the fuzz', value: `${ms(f.valid.before.p99Ms)} / ${ms(f.valid.during.p99Ms)}`, goal: '', verdict: noGoal },
    { part, figure: 'valid p99 during / before', value: f.p99Ratio === null ? 'n/a' : `${f.p99Ratio.toFixed(2)}x`, goal: '≤ 1.2x', verdict: judged(f.p99Ratio === null ? null : f.p99Ratio <= 1.2) },
  ];
}

function overloadRows(f: OverloadFigures): TableRow[] {
  const part = 'overload';
  return [
    { part, figure: 'capacity (closed loop) → overload rate', value: `${f.capacity.toFixed(0)} → ${f.overloadRate.toFixed(0)} req/s`, goal: '5x', verdict: noGoal },
    { part, figure: 'answered 503/429 (shed)', value: `${f.shed} of ${f.answered} (${pct(f.shedShare)})`, goal: '', verdict: noGoal },
    { part, figure: 'shed answers with Retry-After', value: `${f.shedWithRetryAfter} of ${f.shed}`, goal: 'all', verdict: f.shed === 0 ? 'not exercised' : judged(f.shedWithRetryAfter === f.shed) },
    { part, figure: 'other failures (timeouts, errors, 5xx but 503)', value: String(f.otherFailures), goal: '0', verdict: judged(f.otherFailures === 0) },
    {
      part,
      figure: 'p99 of admitted requests',
      value: ms(f.admittedP99Ms),
      goal: `≤ ${ms(f.admittedBoundMs)} (queue bound + p99 at saturation)`,
      verdict: judged(f.admittedP99Ms === null || f.admittedBoundMs === null ? null : f.admittedP99Ms <= f.admittedBoundMs),
    },
    { part, figure: 'resident memory growth', value: f.rssGrowthMb === null ? 'n/a' : `${f.rssGrowthMb.toFixed(1)} MB`, goal: '≤ 200 MB', verdict: judged(f.rssGrowthMb === null ? null : f.rssGrowthMb <= 200) },
    { part, figure: 'time to normal latency after the overload', value: f.recoveryMs === null ? 'not within the watch' : ms(f.recoveryMs), goal: '≤ 5000 ms', verdict: judged(f.recoveryMs !== null && f.recoveryMs <= 5_000) },
  ];
}

function faultRows(figures: SuiteFigures): TableRow[] {
  const rows: TableRow[] = [];
  const part = 'faults';
  const { sigterm, replicaKill, redisOutage } = figures;
  if (sigterm !== undefined) {
    rows.push(
      { part, figure: 'SIGTERM under load: in-flight requests dropped', value: `${sigterm.dropped} of ${sigterm.sent}`, goal: '0', verdict: judged(sigterm.dropped === 0) },
      { part, figure: 'SIGTERM under load: exit code, drain time', value: `${sigterm.exitCode}, ${ms(sigterm.drainMs)}`, goal: '0', verdict: judged(sigterm.exitCode === 0) },
    );
  }
  if (isSkipped(replicaKill)) rows.push({ part, figure: 'SIGKILL of 1 of 3 replicas', value: `skipped: ${replicaKill.skipped}`, goal: '0 failed', verdict: 'not exercised' });
  else if (replicaKill !== undefined) {
    const k = replicaKill;
    const title = `SIGKILL of 1 of ${k.replicas} replicas`;
    // Zero failures prove nothing unless the killed replica had requests to lose and the balancer retried them.
    const exercised = k.killedInFlight > 0 && k.retries > 0;
    rows.push(
      { part, figure: `${title}: requests in flight on it, retried`, value: `${k.killedInFlight}, ${k.retries}`, goal: '≥ 1, ≥ 1', verdict: exercised ? 'met' : 'not exercised' },
      { part, figure: `${title}: failed client requests`, value: `${k.failed} of ${k.sent}`, goal: '0', verdict: exercised ? judged(k.failed === 0) : 'not exercised' },
      { part, figure: `${title}: restarted, healthy replicas at the end`, value: `${k.restarted ? 'yes' : 'no'}, ${k.healthyAtEnd} of ${k.replicas}`, goal: 'yes, all', verdict: judged(k.restarted && k.healthyAtEnd === k.replicas) },
    );
  }
  if (isSkipped(redisOutage)) rows.push({ part, figure: 'Redis killed during a cached run', value: `skipped: ${redisOutage.skipped}`, goal: '', verdict: 'not exercised' });
  else if (redisOutage !== undefined) {
    rows.push(
      { part, figure: 'Redis killed: failed predictions', value: `${redisOutage.failedPredictions} of ${redisOutage.requests}`, goal: '0', verdict: judged(redisOutage.failedPredictions === 0) },
      {
        part,
        figure: 'Redis killed: hit rate before / down / back',
        value: `${pct(redisOutage.before.hitRate)} / ${pct(redisOutage.outage.hitRate)} / ${pct(redisOutage.after.hitRate)}`,
        goal: 'down 0, back > 0',
        verdict: judged(redisOutage.outage.hitRate === 0 && redisOutage.after.hitRate > 0,) },
    );
  }
  return rows;
}

function durabilityRows(figures: SuiteFigures): TableRow[] {
  const part = 'durability';
  const rows: TableRow[] = [];
  const { harnessKill, targetDeath } = figures;
  if (harnessKill !== undefined) {
    rows.push({
      part,
      figure: 'harness SIGKILLed mid-run: results file',
      value: harnessKill.partialReadable ? `readable, ${harnessKill.markedIncomplete ? 'incomplete' : 'complete'}, ${harnessKill.answeredInFile} requests` : 'unreadable',
      goal: 'readable, incomplete',
      verdict: judged(harnessKill.partialReadable && harnessKill.markedIncomplete),
    });
  }
  if (targetDeath !== undefined) {
    rows.push({
      part,
      figure: 'target killed mid-run: exit code, time to exit',
      value: `${targetDeath.exitCode}, ${ms(targetDeath.exitAfterMs)}, ${targetDeath.answeredInFile} requests kept`,
      goal: '1, no hang',
      verdict: judged(targetDeath.exitCode === 1 && targetDeath.markedIncomplete),
    });
  }
  return rows;
}

/** The table; `short` runs are not held to the full suite's request count. A crashed part is a missed row. */
export function reliabilityRows(figures: SuiteFigures, short = false): TableRow[] {
  return [
    ...(figures.crashed ?? []).map(({ part, error }): TableRow => ({ part, figure: 'part ran to its end', value: `crashed: ${error}`, goal: 'ran', verdict: 'missed' })),
    ...(figures.fuzz === undefined ? [] : fuzzRows(figures.fuzz, short)),
    ...(figures.overload === undefined ? [] : overloadRows(figures.overload)),
    ...faultRows(figures),
    ...durabilityRows(figures),
  ];
}

/** The summary line under the table and the exit code: 1 when any goal was missed (a crashed part included), as a failed test. */
export function verdictSummary(rows: readonly TableRow[]): { line: string; exitCode: 0 | 1 } {
  const count = (verdict: Verdict) => rows.filter((row) => row.verdict === verdict).length;
  const missed = count('missed');
  return {
    line: `${count('met')} of ${rows.length} figures met their goal, ${missed} missed, ${count('not exercised')} not exercised, ${count('no goal')} without a goal`,
    exitCode: missed > 0 ? 1 : 0,
  };
}

/** The rows as an aligned text table. */
export function formatTable(rows: readonly TableRow[]): string {
  const shown: Record<Verdict, string> = { met: 'met', missed: 'MISSED', 'not exercised': 'not exercised', 'no goal': '' };
  const cells = rows.map((row) => [row.part, row.figure, row.value, row.goal, shown[row.verdict]]);
  const header = ['part', 'figure', 'value', 'goal', ''];
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((row) => row[i]!.length)));
  const line = (row: readonly string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
