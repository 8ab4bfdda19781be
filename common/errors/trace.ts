// Messages about load traces: their files (rps, counts and arrival CSVs, YAML declarations), the flags that read
// and transform them, and the trace phases of scenarios. `where` is `file` or `file:line`.

import { configError, optionError } from './kinds.ts';

// ---- trace files ------------------------------------------------------------------------------------

export const traceFileTypeUnknown = (file: string) =>
  configError(file, 'trace', 'a trace file is a .csv (timestamp,rps; timestamp,count; or an arrival log) or a .yaml declaration');

/** `column`: the timeColumn or valueColumn option that names it. */
export const traceColumnWithoutHeader = (where: string, column: string, name: string) =>
  configError(where, column, `"${name}" cannot be found: the file has no header row`);

export const traceColumnMissing = (where: string, column: string, name: string, header: readonly string[]) =>
  configError(where, column, `no column named "${name}"; the header has ${header.join(', ')}`);

export const traceValueColumnIsTime = (where: string) => configError(where, 'valueColumn', 'is the timestamp column too; name the rate or count column');

const rowsOf = { rps: 'timestamp,rps rows', counts: 'timestamp,count rows', arrivals: 'arrival timestamps' } as const;

export const traceWithoutRows = (file: string, format: keyof typeof rowsOf) => configError(file, 'rows', `no ${rowsOf[format]}; the trace is empty`);

export const traceTimestampMissing = (where: string, columns: number) => configError(where, 'timestamp', `is missing: the row has ${columns} columns`);

/** A timestamp the parser rejected, relayed in its words. */
export const traceTimestampNotParsed = (where: string, parserProblem: string) => configError(where, 'timestamp', parserProblem);

export const traceTimestampNotAfter = (where: string, timestamp: string, previousLine: number) =>
  configError(where, 'timestamp', `${timestamp} is not after the timestamp on line ${previousLine}; sort the rows and remove duplicates`);

/** The value column of a rate or count trace. */
type ValueColumn = 'rps' | 'count';

export const traceValueMissing = (where: string, column: ValueColumn) => configError(where, column, `is missing; each row is timestamp,${column}`);

export const traceValueNotNumber = (where: string, column: ValueColumn, text: string) => configError(where, column, `"${text}" is not a number`);

export const traceValueNegative = (where: string, column: ValueColumn, text: string) =>
  configError(where, column, `${text} is negative; ${column === 'rps' ? 'a rate' : 'a count'} is 0 or more`);

export const traceIntervalNotPositive = (file: string, got: number) => configError(file, 'interval', `must be a positive number of seconds, got ${got}`);

export const traceIntervalNotInferable = (file: string) => configError(file, 'interval', 'cannot be inferred from one row; give interval (e.g. 1m)');

export const traceRowsTooClose = (where: string, spacingSeconds: number, previousLine: number, intervalSeconds: number) =>
  configError(
    where,
    'timestamp',
    `${spacingSeconds} s after line ${previousLine}, closer than the interval (${intervalSeconds} s); give the right interval or merge the rows`,
  );

export const traceCountsGap = (where: string, missingSeconds: number, previousLine: number, intervalSeconds: number) =>
  configError(
    where,
    'timestamp',
    `${missingSeconds} s missing since line ${previousLine} (the interval is ${intervalSeconds} s); fill the missing data or choose gaps: zero or hold`,
  );

export const traceMaxGapNotPositive = (file: string, got: number) => configError(file, 'maxGapSeconds', `must be a positive number, got ${got}`);

export const traceRpsGap = (where: string, gapSeconds: number, previousLine: number, maxGapSeconds: number) =>
  configError(
    where,
    'timestamp',
    `gap of ${gapSeconds} s since line ${previousLine} is longer than maxGapSeconds (${maxGapSeconds}); fill the missing data, raise maxGapSeconds, or choose gaps: zero or hold`,
  );

/** `end` is undefined for a window open to the trace's end; bounds in seconds from its start. */
export const traceWindowEmpty = (where: string, start: number, end: number | undefined, traceSeconds: number) =>
  configError(
    where,
    'window',
    `[${start} s, ${end === undefined ? 'end' : `${end} s`}) holds no second of the trace, which runs 0 to ${traceSeconds} s from its start`,
  );

// ---- trace phases of a scenario -------------------------------------------------------------------------

export const tracePhaseFileMissing = (where: string, field: string, file: string) =>
  configError(where, field, `${file} does not exist; the path is relative to the scenario file`);

export const tracePhaseArrivalsOfLog = (where: string, field: string) =>
  configError(where, field, 'the trace is an arrival log, replayed as logged; arrivals applies to rate and count traces, remove it');

export const tracePhaseEmpty = (where: string, field: string) =>
  configError(where, field, 'holds no request once transformed (scale and window); there is nothing to replay');

// ---- trace flags ----------------------------------------------------------------------------------------

export const traceWindowNotRange = (text: string) => optionError('--window', `"${text}" is not START:END (e.g. 1d:2d, :12h, 6h:)`);

export const traceWindowBoundNotValid = (text: string) =>
  optionError('--window', `"${text}" is neither a duration from the trace start (2d, 90m) nor a timestamp`);
