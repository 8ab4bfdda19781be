// A load trace: requests arriving in each simulated second, the one input of load of the simulator (and of
// a load driver replaying a trace). Readers (rate CSV, per-interval counts CSV, arrival log CSV, synthetic
// YAML) all produce this shape; this file picks one by file name and content, and applies transformations.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { configFileUnreadable, traceFileTypeUnknown } from '../../common/errors.ts';
import { parseConfigText } from '../../common/config/configFile.ts';
import { parseArrivalsCsv } from './arrivalsCsv.ts';
import { parseCountsCsv } from './countsCsv.ts';
import { csvLayout } from './csvLayout.ts';
import { parseRpsCsv } from './rpsCsv.ts';
import { generateSyntheticTrace, parseSyntheticSpec } from './syntheticTrace.ts';
import { readOptionsOf, traceFileSchema, transformsOf } from './traceFileSchema.ts';
import type { TraceReading, TraceReadOptions, TraceTransforms } from './traceReading.ts';
import { transformTrace } from './traceTransforms.ts';

/** Where a trace came from and what its numbers are. */
export interface TraceMeta {
  readonly source: 'rps-csv' | 'counts-csv' | 'arrivals-csv' | 'synthetic';
  /** The file it was read from, when it was read from one (the YAML declaration for a declared CSV). */
  readonly file: string | undefined;
  /**
   * `integer`: whole requests per second (binned timestamps or Poisson-sampled);
   * `expected`: fractional mean arrivals (a resampled rate, spread counts, or synthetic `sampling: expected`).
   */
  readonly counts: 'integer' | 'expected';
  /** The seed of a synthetic trace. */
  readonly seed: number | undefined;
  /** How it was read and transformed (absent for a trace built in code). */
  readonly reading?: TraceReading;
}

/** Arrivals per simulated second: `arrivals[i]` requests arrive in `[startTime + i, startTime + i + 1)`. */
export interface LoadTrace {
  /**
   * One entry per second; one typed array so that 87 days (7.5 M seconds) take 60 MB and no objects. This is
   * also the per-second target rate a load driver replays: `arrivals[i]` requests during second `i`.
   */
  readonly arrivals: Float64Array;
  /** Unix seconds (whole) of the start of `arrivals[0]`. */
  readonly startTime: number;
  /**
   * For an arrival log read with `keepArrivals`: each request's time in seconds from `startTime`, sorted, after
   * the transformations; a load driver sends request `k` at `arrivalOffsets[k]` to spread arrivals as logged.
   */
  readonly arrivalOffsets?: Float64Array;
  readonly meta: TraceMeta;
}

/** How `loadTraceFile` reads a CSV, and transformations applied after a YAML declaration's own. */
export interface LoadTraceOptions extends TraceReadOptions {
  readonly transforms?: TraceTransforms;
}

/**
 * Reads a trace file: a `.csv` (rates, per-interval counts or an arrival log, see csvLayout.ts) read with
 * `options`, or a `.yaml`/`.yml` declaration: with `file:` a CSV and how to read it, else a synthetic trace.
 * `options.transforms` apply last. Throws InfercapError (exit code 2).
 */
export function loadTraceFile(file: string, options: LoadTraceOptions = {}): LoadTrace {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.yaml' && extension !== '.yml') {
    throw traceFileTypeUnknown(file);
  }
  const text = readText(file, 'trace');
  let trace: LoadTrace;
  if (extension === '.csv') {
    trace = parseTraceCsv(text, file, options);
  } else if (declaresFile(text)) {
    const declaration = parseConfigText(text, file, traceFileSchema, { what: 'trace' });
    const csv = path.resolve(path.dirname(file), declaration.file);
    const readOptions = { ...readOptionsOf(declaration), ...(options.keepArrivals === undefined ? {} : { keepArrivals: options.keepArrivals }) };
    const read = parseTraceCsv(readText(csv, 'file'), csv, readOptions);
    trace = transformTrace({ ...read, meta: { ...read.meta, file } }, transformsOf(declaration, declaration.timezone), file);
  } else {
    const spec = parseSyntheticSpec(text, file);
    const generated = generateSyntheticTrace(spec, file);
    trace = transformTrace(generated, transformsOf(spec), file);
  }
  return options.transforms === undefined ? trace : transformTrace(trace, options.transforms, file);
}

/** Reads trace CSV `text` (named `fileName` in errors) in the format its header or `options.format` says. */
export function parseTraceCsv(text: string, fileName: string, options: TraceReadOptions = {}): LoadTrace {
  const layout = csvLayout(text, fileName, options);
  switch (layout.format) {
    case 'rps':
      return parseRpsCsv(text, fileName, options, layout);
    case 'counts':
      return parseCountsCsv(text, fileName, options, layout);
    case 'arrivals':
      return parseArrivalsCsv(text, fileName, options, layout);
  }
}

function readText(file: string, field: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw configFileUnreadable(file, field, (error as Error).message);
  }
}

/** A YAML declaration with a top-level `file:` names a CSV; any other is synthetic (the schema reports YAML errors). */
function declaresFile(text: string): boolean {
  const doc = parseDocument(text);
  return doc.errors.length === 0 && doc.contents !== null && typeof doc.get('file') === 'string';
}
