// Reads per-interval request counts (`timestamp,count`: a web server's requests per minute, a wiki's page
// views per hour) into arrivals per second: each count is spread evenly over its interval
// `[timestamp, timestamp + interval)`, so the total is preserved exactly.
//
// The interval is given, or inferred as the most common spacing of consecutive rows (a few missing rows do
// not change it). Rows closer than the interval are an error; rows further apart leave missing intervals,
// a gap: `gaps: error` (default) rejects the file naming the line after the gap, `zero` counts the missing
// intervals as no requests, `hold` repeats the count before the gap in each of them. The report counts the
// gaps and the seconds they span.

import { traceCountsGap, traceIntervalNotInferable, traceIntervalNotPositive, traceRowsTooClose, traceTimestampNotAfter, traceTimestampNotParsed, traceValueMissing, traceValueNegative, traceValueNotNumber, traceWithoutRows } from '../../common/errors.ts';
import type { CsvLayout } from './csvLayout.ts';
import { FloatColumn, forEachCsvRow } from './csvRows.ts';
import type { LoadTrace } from './loadTrace.ts';
import { addConstantRate } from './rateBins.ts';
import { parseTimestamp } from './timestamps.ts';
import { noTransforms, readingDefaults, type TraceReadOptions } from './traceReading.ts';

export type CountsCsvOptions = Pick<TraceReadOptions, 'intervalSeconds' | 'gaps' | 'timezone'>;

const defaultLayout: CsvLayout = { format: 'counts', timeIndex: 0, valueIndex: 1 };
// Timestamps with fractions (or written in ms) may be off by a little from the interval grid.
const tolerance = 1e-3;

/** Parses `timestamp,count` CSV `text` (named `fileName` in errors) into a 1 s trace. Throws InfercapError (exit code 2). */
export function parseCountsCsv(text: string, fileName: string, options: CountsCsvOptions = {}, layout: CsvLayout = defaultLayout): LoadTrace {
  const gaps = options.gaps ?? readingDefaults.gaps;
  const zone = options.timezone ?? readingDefaults.timezone;
  const given = options.intervalSeconds;
  if (given !== undefined && !(given > 0 && Number.isFinite(given))) throw traceIntervalNotPositive(fileName, given);

  const times = new FloatColumn();
  const counts = new FloatColumn();
  const lines = new FloatColumn();
  let zoneless = false;
  const columns = Math.max(layout.timeIndex, layout.valueIndex) + 1;
  forEachCsvRow(text, (fields, line) => {
    const where = `${fileName}:${line}`;
    if (fields.length < columns) throw traceValueMissing(where, 'count');
    const timeText = fields[layout.timeIndex]!;
    const time = parseTimestamp(timeText, zone);
    if (!time.ok) throw traceTimestampNotParsed(where, time.problem);
    zoneless ||= time.zoneless;
    const countText = fields[layout.valueIndex]!;
    const count = countText === '' ? Number.NaN : Number(countText);
    if (!Number.isFinite(count)) throw traceValueNotNumber(where, 'count', countText);
    if (count < 0) throw traceValueNegative(where, 'count', countText);
    if (times.length > 0 && time.seconds <= times.get(times.length - 1)) {
      throw traceTimestampNotAfter(where, timeText, lines.get(lines.length - 1));
    }
    times.push(time.seconds);
    counts.push(count);
    lines.push(line);
  });
  const n = times.length;
  if (n === 0) throw traceWithoutRows(fileName, 'counts');
  if (given === undefined && n === 1) throw traceIntervalNotInferable(fileName);
  const interval = given ?? mostCommonSpacing(times);

  let gapCount = 0;
  let missingSeconds = 0;
  for (let i = 1; i < n; i++) {
    const spacing = times.get(i) - times.get(i - 1);
    const where = `${fileName}:${lines.get(i)}`;
    if (spacing < interval - tolerance) {
      throw traceRowsTooClose(where, round(spacing), lines.get(i - 1), round(interval));
    }
    if (spacing > interval + tolerance) {
      if (gaps === 'error') {
        throw traceCountsGap(where, round(spacing - interval), lines.get(i - 1), round(interval));
      }
      gapCount++;
      missingSeconds += spacing - interval;
    }
  }

  const startTime = Math.floor(times.get(0));
  const arrivals = new Float64Array(Math.ceil(times.get(n - 1) + interval - startTime));
  for (let i = 0; i < n; i++) {
    const from = times.get(i) - startTime;
    const to = gaps === 'hold' && i + 1 < n ? times.get(i + 1) - startTime : from + interval;
    addConstantRate(arrivals, from, to, counts.get(i) / interval);
  }
  return {
    arrivals,
    startTime,
    meta: {
      source: 'counts-csv',
      file: fileName,
      counts: 'expected',
      seed: undefined,
      reading: {
        format: 'counts',
        zoneAssumed: zoneless ? zone : null,
        interval: { seconds: interval, inferred: given === undefined },
        gaps: { policy: gaps, count: gapCount, missingSeconds: round(missingSeconds) },
        transforms: noTransforms,
      },
    },
  };
}

/** The most common spacing between consecutive timestamps, to the millisecond. */
function mostCommonSpacing(times: FloatColumn): number {
  const tally = new Map<number, number>();
  let best = 0;
  let bestCount = 0;
  for (let i = 1; i < times.length; i++) {
    const spacing = Math.round((times.get(i) - times.get(i - 1)) * 1000) / 1000;
    const count = (tally.get(spacing) ?? 0) + 1;
    tally.set(spacing, count);
    if (count > bestCount || (count === bestCount && spacing < best)) {
      best = spacing;
      bestCount = count;
    }
  }
  return best;
}

const round = (seconds: number) => Math.round(seconds * 1000) / 1000;
