// Resident memory of a process by pid, from /proc (Linux), for the overload figures.

import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in MB, or undefined when /proc cannot say (not Linux, or the process is gone). */
export function residentMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? undefined : Number(match[1]) / 1024;
  } catch {
    return undefined;
  }
}
