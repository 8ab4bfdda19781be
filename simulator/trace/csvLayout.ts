// Which columns of a trace CSV hold the timestamp and the value, and so which format the file is: from the
// header's names (`timestamp|time|period|datetime|date`; `rps|rate` for rates, `count|requests|views` for
// per-interval counts) or the names given; otherwise two columns are `timestamp,rps`, and one or three and
// more an arrival log (say `format:` when that guess is wrong).

import { traceColumnMissing, traceColumnWithoutHeader, traceValueColumnIsTime } from '../../common/errors.ts';
import { forEachCsvRow } from './csvRows.ts';
import type { TraceFormat, TraceReadOptions } from './traceReading.ts';

export interface CsvLayout {
  readonly format: TraceFormat;
  readonly timeIndex: number;
  /** The rate or count column; -1 for arrival logs. */
  readonly valueIndex: number;
}

const timeNames = /^(timestamp|time|period|datetime|date)$/i;
const rateNames = /^(rps|rate)$/i;
const countNames = /^(counts?|requests|views?)$/i;

/** The layout of CSV `text` (named `fileName` in errors). Throws InfercapError (exit code 2). */
export function csvLayout(text: string, fileName: string, options: TraceReadOptions): CsvLayout {
  let header: readonly string[] | undefined;
  let headerLine = 0;
  let firstRow: readonly string[] | undefined;
  forEachCsvRow(
    text,
    (fields) => {
      firstRow = fields;
      return false;
    },
    (fields, line) => {
      header = fields;
      headerLine = line;
    },
  );
  const where = header === undefined ? fileName : `${fileName}:${headerLine}`;
  const named = (name: string | undefined, field: string): number | undefined => {
    if (name === undefined) return undefined;
    const index = header?.findIndex((h) => h.toLowerCase() === name.toLowerCase()) ?? -1;
    if (index === -1) {
      throw header === undefined ? traceColumnWithoutHeader(where, field, name) : traceColumnMissing(where, field, name, header);
    }
    return index;
  };

  const timeIndex = named(options.timeColumn, 'timeColumn') ?? Math.max(0, header?.findIndex((h) => timeNames.test(h)) ?? 0);
  const givenValue = named(options.valueColumn, 'valueColumn');
  const valueIndex = givenValue ?? header?.findIndex((h, i) => i !== timeIndex && (rateNames.test(h) || countNames.test(h))) ?? -1;
  const valueName = valueIndex >= 0 ? header?.[valueIndex] : undefined;
  const columns = firstRow?.length ?? header?.length ?? 1;
  // Unnamed columns: two are timestamp,rate; one, or three and more (a log's request attributes), an arrival log.
  const byName = valueName === undefined ? undefined : rateNames.test(valueName) ? 'rps' : countNames.test(valueName) ? 'counts' : 'rps';
  const format: TraceFormat = options.format ?? byName ?? (columns === 2 ? 'rps' : 'arrivals');
  if (format === 'arrivals') return { format, timeIndex, valueIndex: -1 };
  const value = valueIndex >= 0 ? valueIndex : timeIndex === 0 ? 1 : 0;
  if (value === timeIndex) throw traceValueColumnIsTime(where);
  return { format, timeIndex, valueIndex: value };
}
