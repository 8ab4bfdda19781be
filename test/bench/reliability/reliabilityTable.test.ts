import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTable, reliabilityRows, type SuiteFigures } from '../../../bench/reliability/reliabilityTable.ts';

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
      rows.map((row) => [row.figure, row.value, row.met]),
      [
        ['SIGTERM under load: in-flight requests dropped', '0 of 100', true],
        ['SIGTERM under load: exit code, drain time', '0, 120.0 ms', true],
        ['SIGKILL of 1 of 3 replicas', 'skipped: --replicas is not available', null],
        ['Redis killed: failed predictions', '0 of 300', true],
        ['Redis killed: hit rate before / down / back', '90.0 % / 0.0 % / 0.0 %', false],
        ['harness SIGKILLed mid-run: results file', 'readable, incomplete, 42 requests', true],
        ['target killed mid-run: exit code, time to exit', '1, 2500.0 ms, 30 requests kept', true],
      ],
    );
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
