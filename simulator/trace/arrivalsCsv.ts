// Reads a per-request arrival log (one request a row; the timestamp column, the first by default, in any
// timestamp form; any order) and bins it into whole requests per second. Other columns (a log export's
// path, status, token counts...) are ignored. Two passes over the text, the first for the time range, so
// memory is the output array alone even for billions of requests; a load driver that replays the log as
// logged asks for `keepArrivals`, and gets each request's offset too (8 bytes a request, sorted).

import { traceTimestampMissing, traceTimestampNotParsed, traceWithoutRows } from '../../common/errors.ts';
import type { CsvLayout } from './csvLayout.ts';
import { FloatColumn, forEachCsvRow } from './csvRows.ts';
import type { LoadTrace } from './loadTrace.ts';
import { parseTimestamp } from './timestamps.ts';
import { noTransforms, readingDefaults, type TraceReadOptions } from './traceReading.ts';

export type ArrivalsCsvOptions = Pick<TraceReadOptions, 'timezone' | 'keepArrivals'>;

const defaultLayout: CsvLayout = { format: 'arrivals', timeIndex: 0, valueIndex: -1 };

/** Parses arrival-timestamp CSV `text` (named `fileName` in errors) into a 1 s trace. Throws InfercapError (exit code 2). */
export function parseArrivalsCsv(text: string, fileName: string, options: ArrivalsCsvOptions = {}, layout: CsvLayout = defaultLayout): LoadTrace {
  const zone = options.timezone ?? readingDefaults.timezone;
  const kept = options.keepArrivals === true ? new FloatColumn() : undefined;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let zoneless = false;
  forEachCsvRow(text, (fields, line) => {
    const text = fields[layout.timeIndex];
    if (text === undefined) throw traceTimestampMissing(`${fileName}:${line}`, fields.length);
    const time = parseTimestamp(text, zone);
    if (!time.ok) throw traceTimestampNotParsed(`${fileName}:${line}`, time.problem);
    zoneless ||= time.zoneless;
    if (time.seconds < min) min = time.seconds;
    if (time.seconds > max) max = time.seconds;
    kept?.push(time.seconds);
  });
  if (min > max) throw traceWithoutRows(fileName, 'arrivals');

  const startTime = Math.floor(min);
  const arrivals = new Float64Array(Math.floor(max) - startTime + 1);
  let arrivalOffsets: Float64Array | undefined;
  if (kept === undefined) {
    forEachCsvRow(text, (fields) => {
      const time = parseTimestamp(fields[layout.timeIndex]!, zone);
      if (time.ok) arrivals[Math.floor(time.seconds) - startTime]! += 1;
    });
  } else {
    arrivalOffsets = new Float64Array(kept.length);
    for (let i = 0; i < kept.length; i++) {
      const offset = kept.get(i) - startTime;
      arrivalOffsets[i] = offset;
      arrivals[Math.floor(offset)]! += 1;
    }
    arrivalOffsets.sort();
  }
  return {
    arrivals,
    startTime,
    ...(arrivalOffsets === undefined ? {} : { arrivalOffsets }),
    meta: {
      source: 'arrivals-csv',
      file: fileName,
      counts: 'integer',
      seed: undefined,
      reading: { format: 'arrivals', zoneAssumed: zoneless ? zone : null, interval: null, gaps: null, transforms: noTransforms },
    },
  };
}
