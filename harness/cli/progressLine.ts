// The live progress line of `infercap run` on stderr: phase, elapsed time, achieved rate, current p99.
// Rewritten in place on a terminal; one line every few seconds otherwise (CI logs).

import { loadDriverOf } from '../drive/loadDriverRegistry.ts';
import type { Phase } from '../scenario/scenarioSchema.ts';
import type { PhaseSnapshot } from '../stats/phaseRecorder.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** The text of one progress update. */
export function formatProgress(variant: string | undefined, phase: Phase, index: number, phases: number, snapshot: PhaseSnapshot): string {
  const load = loadDriverOf(phase).describeLoad(phase);
  const target = load === '' ? '' : ` (${load})`;
  const p99 = snapshot.p99 === null ? '-' : `${snapshot.p99.toFixed(1)} ms`;
  return (
    `${variant === undefined ? '' : `[${variant}] `}phase ${index + 1}/${phases} ${phase.name} ${phase.kind}` +
    ` ${seconds(snapshot.elapsedMs)}/${seconds(phase.duration)}  rate ${snapshot.rate.toFixed(1)}/s${target}  p99 ${p99}` +
    `  errors ${snapshot.errors}  dropped ${snapshot.dropped}`
  );
}

export function progressLine(quiet: boolean, stream: NodeJS.WriteStream = process.stderr) {
  let last = 0;
  let shown = false;
  return {
    update(variant: string | undefined, phase: Phase, index: number, phases: number, snapshot: PhaseSnapshot): void {
      if (quiet) return;
      const text = formatProgress(variant, phase, index, phases, snapshot);
      if (stream.isTTY) {
        stream.write(`\r\x1b[2K${text}`);
        shown = true;
      } else if (performance.now() - last >= 5000) {
        stream.write(`${text}\n`);
        last = performance.now();
      }
    },
    done(): void {
      if (shown) stream.write('\n');
      shown = false;
    },
  };
}
