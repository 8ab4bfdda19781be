// The service model's seconds that start with nothing queued, computed once per (arrivals, ready replicas):
// such a second depends on nothing else, and a sampled trace repeats the same few hundred whole counts
// millions of times at the same few replica counts. A lookup replaces serviceStep's power, square root and
// five logarithms; the figures are the very numbers serviceStep gives (computed by it, bit for bit).

import { initialServiceState, serviceStep, type CompiledServiceModel, type ServiceSecond, type ServiceState } from './serviceStep.ts';

const fields = 8;
/** Whole arrival counts up to this (exclusive) and replica counts below `maxReady` are tabled; others are computed. */
const maxArrivals = 1 << 16;
const maxReady = 4096;
const firstCapacity = 1024;

export class EmptyQueueSeconds {
  /** Per ready replica count: `fields` figures per arrival count, NaN (served) where not computed yet. */
  private readonly tables: (Float64Array | undefined)[] = [];
  private readonly empty: ServiceState = initialServiceState();

  constructor(private readonly compiled: CompiledServiceModel) {}

  /** Exactly serviceStep(compiled, state, arrivals, readyReplicas, out). */
  step(state: ServiceState, arrivals: number, readyReplicas: number, out: ServiceSecond): void {
    if (state.backlog !== 0 || !(arrivals >= 0 && arrivals < maxArrivals) || (arrivals | 0) !== arrivals || !(readyReplicas >= 0 && readyReplicas < maxReady)) {
      serviceStep(this.compiled, state, arrivals, readyReplicas, out);
      return;
    }
    let table = this.tables[readyReplicas];
    if (table === undefined || arrivals * fields >= table.length) table = this.grow(readyReplicas, arrivals);
    const at = arrivals * fields;
    if (Number.isNaN(table[at]!)) {
      this.empty.backlog = 0;
      serviceStep(this.compiled, this.empty, arrivals, readyReplicas, out);
      table[at] = out.served;
      table[at + 1] = out.backlog;
      table[at + 2] = out.rejected;
      table[at + 3] = out.utilization;
      table[at + 4] = out.cpuUtilization;
      table[at + 5] = out.p50;
      table[at + 6] = out.p95;
      table[at + 7] = out.p99;
    } else {
      out.served = table[at]!;
      out.backlog = table[at + 1]!;
      out.rejected = table[at + 2]!;
      out.utilization = table[at + 3]!;
      out.cpuUtilization = table[at + 4]!;
      out.p50 = table[at + 5]!;
      out.p95 = table[at + 6]!;
      out.p99 = table[at + 7]!;
    }
    state.backlog = out.backlog;
  }

  private grow(readyReplicas: number, arrivals: number): Float64Array {
    const old = this.tables[readyReplicas];
    let capacity = old === undefined ? firstCapacity : (2 * old.length) / fields;
    while (capacity <= arrivals) capacity *= 2;
    const table = new Float64Array(capacity * fields).fill(NaN);
    if (old !== undefined) table.set(old);
    this.tables[readyReplicas] = table;
    return table;
  }
}
