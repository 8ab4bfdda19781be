// CPU time a process has used so far (user + system), from /proc on Linux, for benches that compare what
// each proxy process spends a request: unlike wall latency on a shared machine, it hardly moves with load.

import { readFileSync } from 'node:fs';

/** Linux's USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every architecture Node runs on. */
const ticksPerSecond = 100;

/** Milliseconds of CPU process `pid` has used, at 10 ms resolution; undefined off Linux or when it has exited. */
export function processCpuMs(pid: number): number | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}
