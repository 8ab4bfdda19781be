// Reads a `timestamp,rps` series (any resolution, irregular allowed) and resamples it to arrivals per second.
//
// Resampling rule (sample-and-hold): each sample's rate holds from its timestamp until the next sample's,
// and a second's arrivals are the integral of that step function over the second. So a 60 s export
// becomes 60 equal seconds, a 100 ms export is summed (averaged) into seconds, and the total number of
// requests is preserved exactly. The last sample holds as long as the interval before it (1 s if it
// is the only one). Values are expected arrivals, not whole requests.
//
// Gaps: an interval between samples longer than `maxGapSeconds` is missing data, not a long steady
// rate. `gaps: error` (default) rejects the file naming the line after the gap; `zero` holds the sample
// before the gap for `maxGapSeconds`, then no load until the next sample; `hold` holds it across the gap.
// The report counts the gaps and the seconds they span beyond `maxGapSeconds`.

import { traceMaxGapNotPositive, traceRpsGap, traceTimestampNotAfter, traceTimestampNotParsed, traceValueMissing, traceValueNegative, traceValueNotNumber, traceWithoutRows } from '../../common/errors.ts';
import type { CsvLayout } from './csvLayout.ts';
import { FloatColumn, forEachCsvRow } from './csvRows.ts';
import type { LoadTrace } from './loadTrace.ts';
import { addConstantRate } from './rateBins.ts';
import { parseTimestamp } from './timestamps.ts';
import { noTransforms, readingDefaults, type GapPolicy, type TraceReadOptions } from './traceReading.ts';

export type { GapPolicy };

export type RpsCsvOptions = Pick<TraceReadOptions, 'maxGapSeconds' | 'gaps' | 'timezone'>;

const defaultLayout: CsvLayout = { format: 'rps', timeIndex: 0, valueIndex: 1 };

/** Parses `timestamp,rps` CSV `text` (named `fileName` in errors) into a 1 s trace. Throws InfercapError (exit code 2). */
export function parseRpsCsv(text: string, fileName: string, options: RpsCsvOptions = {}, layout: CsvLayout = defaultLayout): LoadTrace {
  const maxGap = options.maxGapSeconds ?? readingDefaults.maxGapSeconds;
  const gaps = options.gaps ?? readingDefaults.gaps;
  const zone = options.timezone ?? readingDefaults.timezone;
  if (!(maxGap > 0) || !Number.isFinite(maxGap)) throw traceMaxGapNotPositive(fileName, maxGap);

  const times = new FloatColumn();
  const rates = new FloatColumn();
  let previousLine = 0;
  let zoneless = false;
  let gapCount = 0;
  let missingSeconds = 0;
  const columns = Math.max(layout.timeIndex, layout.valueIndex) + 1;
  forEachCsvRow(text, (fields, line) => {
    const where = `${fileName}:${line}`;
    if (fields.length < columns) throw traceValueMissing(where, 'rps');
    const timeText = fields[layout.timeIndex]!;
    const time = parseTimestamp(timeText, zone);
    if (!time.ok) throw traceTimestampNotParsed(where, time.problem);
    zoneless ||= time.zoneless;
    const rpsText = fields[layout.valueIndex]!;
    const rps = rpsText === '' ? Number.NaN : Number(rpsText);
    if (!Number.isFinite(rps)) throw traceValueNotNumber(where, 'rps', rpsText);
    if (rps < 0) throw traceValueNegative(where, 'rps', rpsText);
    if (times.length > 0) {
      const previous = times.get(times.length - 1);
      if (time.seconds <= previous) {
        throw traceTimestampNotAfter(where, timeText, previousLine);
      }
      const interval = time.seconds - previous;
      if (interval > maxGap) {
        if (gaps === 'error') {
          throw traceRpsGap(where, round(interval), previousLine, maxGap);
        }
        gapCount++;
        missingSeconds += interval - maxGap;
      }
    }
    times.push(time.seconds);
    rates.push(rps);
    previousLine = line;
  });
  if (times.length === 0) throw traceWithoutRows(fileName, 'rps');

  const count = times.length;
  const first = times.get(0);
  const last = times.get(count - 1);
  const startTime = Math.floor(first);
  const lastHold = count === 1 ? 1 : Math.min(last - times.get(count - 2), maxGap);
  const arrivals = new Float64Array(Math.ceil(last + lastHold - startTime));
  for (let i = 0; i < count; i++) {
    const from = times.get(i) - startTime;
    const next = i + 1 < count ? times.get(i + 1) - startTime : from + lastHold;
    const to = gaps === 'zero' ? Math.min(next, from + maxGap) : next;
    addConstantRate(arrivals, from, to, rates.get(i));
  }
  return {
    arrivals,
    startTime,
    meta: {
      source: 'rps-csv',
      file: fileName,
      counts: 'expected',
      seed: undefined,
      reading: {
        format: 'rps',
        zoneAssumed: zoneless ? zone : null,
        interval: null,
        gaps: { policy: gaps, count: gapCount, missingSeconds: round(missingSeconds) },
        transforms: noTransforms,
      },
    },
  };
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
