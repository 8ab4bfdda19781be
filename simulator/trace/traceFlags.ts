// How a trace CSV is read, as command-line flags shared by `infercap simulate` and `infercap plan`.

import { invalidOption } from '../../common/errors.ts';
import type { LoadTraceOptions } from './loadTrace.ts';

export const traceFlagOptions = {
  csv: { type: 'string', choices: ['rps', 'arrivals'], describe: 'CSV kind (default: guessed from the column count)' },
  gaps: { type: 'string', choices: ['error', 'zero', 'hold'], default: 'error', describe: 'What a gap in a timestamp,rps CSV means' },
  'max-gap': { type: 'number', default: 300, describe: 'Longest interval (s) between rps samples that is not a gap' },
} as const;

export function traceOptionsFromFlags(flags: { csv?: string | undefined; gaps: string; maxGap: number }): LoadTraceOptions {
  if (!(flags.maxGap > 0)) throw invalidOption('--max-gap', `must be a positive number of seconds, got ${flags.maxGap}`);
  return {
    ...(flags.csv === undefined ? {} : { csv: flags.csv as 'rps' | 'arrivals' }),
    gaps: flags.gaps as 'error' | 'zero' | 'hold',
    maxGapSeconds: flags.maxGap,
  };
}
