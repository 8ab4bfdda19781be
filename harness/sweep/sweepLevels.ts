// The load levels of a sweep, written as perf_analyzer ranges: `1:64:x2` (geometric) or `100:1000:100` (arithmetic).

import { sweepRangeNotValid } from '../../common/errors.ts';

/** Parses `from:to:step` or `from:to:xFactor`; at most 100 levels, ascending, all positive. */
export function parseSweepLevels(option: string, text: string, integer: boolean): number[] {
  const match = /^\s*(\d+(?:\.\d+)?):(\d+(?:\.\d+)?):(x?)(\d+(?:\.\d+)?)\s*$/.exec(text);
  const fail = (kind: Parameters<typeof sweepRangeNotValid>[2]) => sweepRangeNotValid(option, text, kind);
  if (match === null) throw fail('notRange');
  const [from, to, step] = [Number(match[1]), Number(match[2]), Number(match[4])];
  const geometric = match[3] === 'x';
  if (from <= 0 || to < from) throw fail('notAscending');
  if (geometric ? step <= 1 : step <= 0) throw fail(geometric ? 'factorTooSmall' : 'stepNotPositive');
  if (integer && ![from, to].every(Number.isInteger)) throw fail('notWhole');
  const levels: number[] = [];
  for (let level = from; level <= to * (1 + 1e-9); level = geometric ? level * step : level + step) {
    levels.push(integer ? Math.round(level) : Math.round(level * 1000) / 1000);
    if (levels.length > 100) throw fail('tooManyLevels');
  }
  return [...new Set(levels)];
}
