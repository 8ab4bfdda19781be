import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OverloadFigures } from '../../../bench/reliability/overloadRun.ts';
import { formatTable, reliabilityRows, verdictSummary, type SuiteFigures } from '../../../bench/reliability/reliabilityTable.ts';
import type { ReplicaKillFigures } from '../../../bench/reliability/replicaKillRun.ts';

const figures: SuiteFigures = {
  sigterm: { sent: 100, answered200: 90, answered503: 2, dropped: 0, refused: 8, exitCode: 0, drainMs: 120, errors: { ECONNREFUSED: 8 } },
  replicaKill: { skipped: '--replicas is not available' },
  redisOutage: {
    requests: 300,
    failedPredictions: 0,
    before: { requests: 100, hits: 90, hitRate: 0.9 },
    outage: { requests: 100, hits: 0, hitRate: 0 },
    after: { requests: 100, hits: 0, hitRate: 0 },
    firstHitAfterMs: null,
  },
  harnessKill: { partialReadable: true, markedIncomplete: true, answeredInFile: 42 },
  targetDeath: { exitCode: 1, exitAfterMs: 2_500, markedIncomplete: true, answeredInFile: 30 },
};

describe('reliabilityRows', () => {
  it('judges each figure against its goal', () => {
    const rows = reliabilityRows(figures);
    assert.deepEqual(
      rows.map((row) => [row.figure, row.value, row.verdict]),
      [
        ['SIGTERM under load: in-flight requests dropped', '0 of 100', 'met'],
        ['SIGTERM under load: exit code, drain time', '0, 120.0 ms', 'met'],
        ['SIGKILL of 1 of 3 replicas', 'skipped: --replicas is not available', 'not exercised'],
        ['Redis killed: failed predictions', '0 of 300', 'met'],
        ['Redis killed: hit rate before / down / back', '90.0 % / 0.0 % / 0.0 %', 'missed'],
        ['harness SIGKILLed mid-run: results file', 'readable, incomplete, 42 requests', 'met'],
        ['target killed mid-run: exit code, time to exit', '1, 2500.0 ms, 30 requests kept', 'met'],
      ],
    );
  });

  it('makes a crashed part a missed row carrying its error, before the figures of the parts that ran', () => {
    const rows = reliabilityRows({ ...figures, crashed: [{ part: 'overload', error: 'the server answered no request successfully' }] });
    assert.deepEqual(rows[0], { part: 'overload', figure: 'part ran to its end', value: 'crashed: the server answered no request successfully', goal: 'ran', verdict: 'missed' });
    assert.equal(rows.length, 8);
  });

  it('says "not exercised" when nothing was shed, and judges the admitted p99 against the queue bound plus the p99 at saturation', () => {
    const overload: OverloadFigures = {
      capacity: 100, saturationP99Ms: 40, normalP99Ms: 20, overloadRate: 500, sent: 1000, answered: 1000, admitted: 1000, shed: 0, shedShare: 0, shedWithRetryAfter: 0,
      otherFailures: 0, otherFailureKinds: {}, admittedP99Ms: 139, admittedBoundMs: 140, rssBeforeMb: 100, rssPeakMb: 120, rssGrowthMb: 20, recoveryMs: 500, afterSent: 10, afterOk: 10,
    };
    const rows = reliabilityRows({ overload });
    const verdict = (figure: string) => rows.find((row) => row.figure === figure)?.verdict;
    assert.equal(verdict('shed answers with Retry-After'), 'not exercised');
    assert.equal(verdict('p99 of admitted requests'), 'met');
    assert.equal(verdict('capacity (closed loop) → overload rate'), 'no goal');
    const over = reliabilityRows({ overload: { ...overload, admittedP99Ms: 141, shed: 5, shedWithRetryAfter: 4 } });
    assert.equal(over.find((row) => row.figure === 'p99 of admitted requests')?.verdict, 'missed');
    assert.equal(over.find((row) => row.figure === 'shed answers with Retry-After')?.verdict, 'missed');
  });

  it('holds the replica kill to requests in flight on the killed replica, a retry and a restart', () => {
    const kill: ReplicaKillFigures = { replicas: 3, killedPid: 7, killedInFlight: 2, restarted: true, restartedAfterMs: 2500, sent: 500, failed: 0, byStatus: { 200: 500 }, errors: {}, retries: 2, restarts: 1, healthyAtEnd: 3 };
    const verdicts = (k: ReplicaKillFigures) => reliabilityRows({ replicaKill: k }).map((row) => [row.value, row.verdict]);
    assert.deepEqual(verdicts(kill), [['2, 2', 'met'], ['0 of 500', 'met'], ['yes, 3 of 3', 'met']]);
    // Nothing in flight on it: no failure proves nothing.
    assert.deepEqual(verdicts({ ...kill, killedInFlight: 0, retries: 0 }), [['0, 0', 'not exercised'], ['0 of 500', 'not exercised'], ['yes, 3 of 3', 'met']]);
    assert.deepEqual(verdicts({ ...kill, failed: 1, restarted: false, healthyAtEnd: 2 }), [['2, 2', 'met'], ['1 of 500', 'missed'], ['no, 2 of 3', 'missed']]);
  });

  it('exits 1 when any goal is missed, a crashed part included, and 0 when none is', () => {
    assert.deepEqual(verdictSummary(reliabilityRows(figures)), { line: '5 of 7 figures met their goal, 1 missed, 1 not exercised, 0 without a goal', exitCode: 1 });
    const healthy = { ...figures, redisOutage: { skipped: 'no Redis' } };
    assert.equal(verdictSummary(reliabilityRows(healthy)).exitCode, 0);
    assert.equal(verdictSummary(reliabilityRows({ ...healthy, crashed: [{ part: 'fuzz', error: 'boom' }] })).exitCode, 1);
  });

  it('prints an aligned table with MISSED where a goal was not met', () => {
    const text = formatTable(reliabilityRows(figures));
    const lines = text.split('\n');
    assert.equal(lines.length, 9);
    assert.match(lines[0]!, /^part\s+figure\s+value\s+goal$/);
    assert.match(lines[6]!, /Redis killed: hit rate before \/ down \/ back\s+90\.0 % \/ 0\.0 % \/ 0\.0 %\s+down 0, back > 0\s+MISSED$/);
    const valueColumn = lines[0]!.indexOf('value');
    assert.ok(lines[2]!.slice(valueColumn).startsWith('0 of 100  '), lines[2]);
    assert.ok(lines[8]!.slice(valueColumn).startsWith('1, 2500.0 ms, 30 requests kept  '), lines[8]);
  });
});
