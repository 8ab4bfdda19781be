// Reads per-request arrival timestamps (one a row, unix seconds with fractions or ISO 8601; any order)
// and bins them into whole requests per second. Extra columns (a log export's path, status...) are ignored.
// Two passes over the text, the first for the time range, so memory is the output array alone even
// for billions of requests: nothing is sorted or stored per request.

import { invalidConfig } from '../../common/errors.ts';
import { forEachCsvRow, parseTimestamp } from './csvRows.ts';
import type { LoadTrace } from './loadTrace.ts';

/** Parses arrival-timestamp CSV `text` (named `fileName` in errors) into a 1 s trace. Throws InfercapError (exit code 2). */
export function parseArrivalsCsv(text: string, fileName: string): LoadTrace {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  forEachCsvRow(text, (fields, line) => {
    const time = parseTimestamp(fields[0]!);
    if (!time.ok) throw invalidConfig(`${fileName}:${line}`, 'timestamp', time.problem);
    if (time.seconds < min) min = time.seconds;
    if (time.seconds > max) max = time.seconds;
  });
  if (min > max) throw invalidConfig(fileName, 'rows', 'no arrival timestamps; the trace is empty');

  const startTime = Math.floor(min);
  const arrivals = new Float64Array(Math.floor(max) - startTime + 1);
  forEachCsvRow(text, (fields) => {
    const time = parseTimestamp(fields[0]!);
    if (time.ok) arrivals[Math.floor(time.seconds) - startTime]! += 1;
  });
  return { arrivals, startTime, meta: { source: 'arrivals-csv', file: fileName, counts: 'integer', seed: undefined } };
}
