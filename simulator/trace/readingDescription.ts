// One line saying how a trace was read and transformed, for the text output of `simulate` and `plan`:
// a capacity planner must see which zone was assumed and what was done with missing data.

import type { TraceReading } from './traceReading.ts';

export function describeReading(reading: TraceReading): string {
  const parts: string[] = [reading.format === 'synthetic' ? 'synthetic' : reading.format === 'counts' ? 'per-interval counts' : reading.format === 'rps' ? 'rates (timestamp,rps)' : 'an arrival log'];
  if (reading.interval !== null) parts[0] += ` every ${reading.interval.seconds} s (${reading.interval.inferred ? 'inferred' : 'given'})`;
  if (reading.zoneAssumed !== null) parts.push(`zone-less timestamps read as ${reading.zoneAssumed}`);
  if (reading.gaps !== null && reading.gaps.count > 0) {
    const filled = reading.gaps.policy === 'zero' ? 'as no load' : 'holding the last value';
    parts.push(`${reading.gaps.count} gap${reading.gaps.count === 1 ? '' : 's'} (${reading.gaps.missingSeconds} s) ${filled}`);
  }
  const t = reading.transforms;
  const transforms = [
    t.window === null ? '' : `window ${t.window.start}–${t.window.end ?? 'end'} s`,
    t.speedup === 1 ? '' : `speedup ${t.speedup}x`,
    t.scale === 1 ? '' : `scale ${t.scale}x`,
    t.repeat === 1 ? '' : `repeat ${t.repeat}x`,
    t.shift === 0 ? '' : `shift ${t.shift} s`,
  ].filter((x) => x !== '');
  if (transforms.length > 0) parts.push(transforms.join(', '));
  return `trace read as ${parts.join('; ')}`;
}
