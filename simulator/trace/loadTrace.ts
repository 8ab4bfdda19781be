// A load trace: requests arriving in each simulated second, the simulator's one input of load.
// Readers (rps CSV, arrival-timestamp CSV, synthetic YAML) all produce this shape; this file picks one by file name.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { invalidConfig } from '../../common/errors.ts';
import { parseArrivalsCsv } from './arrivalsCsv.ts';
import { parseRpsCsv, type RpsCsvOptions } from './rpsCsv.ts';
import { parseSyntheticTrace } from './syntheticTrace.ts';

/** Where a trace came from and what its numbers are. */
export interface TraceMeta {
  readonly source: 'rps-csv' | 'arrivals-csv' | 'synthetic';
  /** The file it was read from, when it was read from one. */
  readonly file: string | undefined;
  /**
   * `integer`: whole requests per second (binned timestamps or Poisson-sampled);
   * `expected`: fractional mean arrivals (a resampled rate, or synthetic `sampling: expected`).
   */
  readonly counts: 'integer' | 'expected';
  /** The seed of a synthetic trace. */
  readonly seed: number | undefined;
}

/** Arrivals per simulated second: `arrivals[i]` requests arrive in `[startTime + i, startTime + i + 1)`. */
export interface LoadTrace {
  /** One entry per second; one typed array so that 87 days (7.5 M seconds) take 60 MB and no objects. */
  readonly arrivals: Float64Array;
  /** Unix seconds (whole) of the start of `arrivals[0]`. */
  readonly startTime: number;
  readonly meta: TraceMeta;
}

/** How `loadTraceFile` reads a CSV; YAML files are always synthetic declarations. */
export interface LoadTraceOptions extends RpsCsvOptions {
  /** `rps` (`timestamp,rps` rows) or `arrivals` (one timestamp per request); by default, guessed from the first data row's column count. */
  readonly csv?: 'rps' | 'arrivals';
}

/**
 * Reads a trace file: `.yaml`/`.yml` is a synthetic declaration, `.csv` is a `timestamp,rps` series
 * (two columns) or per-request arrival timestamps (one column). Throws InfercapError (exit code 2).
 */
export function loadTraceFile(file: string, options: LoadTraceOptions = {}): LoadTrace {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.yaml' && extension !== '.yml') {
    throw invalidConfig(file, 'trace', 'a trace file is a .csv (timestamp,rps or arrival timestamps) or a .yaml synthetic declaration');
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw invalidConfig(file, 'trace', `cannot be read: ${(error as Error).message}`);
  }
  if (extension !== '.csv') return parseSyntheticTrace(text, file);
  const kind = options.csv ?? guessCsvKind(text);
  return kind === 'rps' ? parseRpsCsv(text, file, options) : parseArrivalsCsv(text, file);
}

/** Two or more columns in the first data row mean `timestamp,rps`; one means arrival timestamps. */
function guessCsvKind(text: string): 'rps' | 'arrivals' {
  for (const raw of text.slice(0, 4096).split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!/^[-+.\d]/.test(line.replace(/^"/, ''))) continue; // a header
    return line.includes(',') ? 'rps' : 'arrivals';
  }
  return 'rps';
}
