import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTimestamp } from '../../../simulator/trace/timestamps.ts';
import { timeZoneProblem } from '../../../simulator/trace/timeZone.ts';

// Expected instants from GNU date (`date -u -d '2023-11-16 18:15:46' +%s`), not from this code.
const seconds = (text: string, zone?: string) => {
  const parsed = parseTimestamp(text, zone);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.problem}`);
  return parsed.seconds;
};

describe('parseTimestamp', () => {
  it('reads the zone-less forms of public traces as UTC by default, and says they were zone-less', () => {
    assert.equal(seconds('1998-04-30 21:30:00'), 893971800);
    assert.equal(seconds('1995/07/01 04:00:00'), 804571200);
    assert.deepEqual(parseTimestamp('2016-03-01 00:00:00'), { ok: true, seconds: 1456790400, zoneless: true });
  });

  it('keeps every digit of a 7-digit fraction (Azure LLM inference trace)', () => {
    assert.equal(seconds('2023-11-16 18:15:46.6805900'), 1700158546 + 0.68059);
  });

  it('reads ISO 8601 with a zone as that instant, whatever the trace zone', () => {
    assert.deepEqual(parseTimestamp('2023-11-16T18:15:46Z', 'Europe/Paris'), { ok: true, seconds: 1700158546, zoneless: false });
    assert.equal(seconds('2023-11-16T20:15:46+02:00'), 1700158546);
    assert.equal(seconds('2023-11-16T13:15:46.5-0500'), 1700158546.5);
  });

  it('reads unix seconds and milliseconds', () => {
    assert.deepEqual(parseTimestamp('1700158546.25'), { ok: true, seconds: 1700158546.25, zoneless: false });
    assert.equal(seconds('1700158546250'), 1700158546.25);
  });

  it('reads zone-less times in a fixed offset or an IANA zone, daylight saving included', () => {
    assert.equal(seconds('1995/07/01 00:00:00', '-04:00'), 804571200);
    assert.equal(seconds('2024-07-01 12:00:00', 'America/New_York'), 1719849600); // EDT, UTC−4
    assert.equal(seconds('2024-03-10 01:30:00', 'America/New_York'), 1710052200); // EST, UTC−5, before the switch
  });

  it('says what is wrong with a field that is not a timestamp', () => {
    for (const text of ['yesterday', '2024-13-01 00:00:00', '2023-02-29 00:00:00', '16/11/2023 18:15']) {
      const parsed = parseTimestamp(text);
      assert.equal(parsed.ok, false, text);
    }
  });
});

describe('timeZoneProblem', () => {
  it('accepts UTC, offsets and IANA names, and names the problem otherwise', () => {
    for (const zone of ['UTC', '+02:00', '-0530', 'Europe/Paris']) assert.equal(timeZoneProblem(zone), undefined);
    assert.match(timeZoneProblem('Mars/Olympus')!, /is not a time zone/);
  });
});
