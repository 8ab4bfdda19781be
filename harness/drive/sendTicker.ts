// Wakes the open-loop driver at its next intended send time with sub-millisecond precision.
// Node's timers fire on whole-millisecond boundaries (libuv's clock is in ms), so with setTimeout alone
// a send is up to ~1.1 ms late and only ~88 % of sends land within 1 ms of their intended time; spinning
// with setImmediate is precise but burns a whole core that the target needs on a small machine. Instead a
// worker thread sleeps in Atomics.wait (a futex with a fractional-ms timeout, ~0.1 ms late) and posts one
// message when the armed time arrives; the message wakes the main event loop at once.

import { Worker } from 'node:worker_threads';

/** A wake-up source for the driver's send loop. */
export interface SendTicker {
  /** Asks for one wake-up at `dueMs` (performance.now() clock), no earlier than the previous request. */
  arm(dueMs: number): void;
  /** Stops the worker; no wake-up follows. Safe to call twice. */
  stop(): Promise<void>;
}

// Shared memory: a Float64 due time on the monotonic hrtime clock (the one clock both threads read the
// same way; performance.now() has a per-thread origin), then two Int32 flags: armed, stopped.
// Arming is two plain stores: Atomics.notify is a syscall and a thread wake-up (12 µs median, 50 µs p99
// here), which at thousands of wake-ups a second took a quarter of the driver's CPU. So the worker never
// waits for the main thread: armed, it sleeps until the due time (the schedule only moves forward, so a
// later arm never needs to wake it early); disarmed, between its message and the next arm, it polls
// every 0.25 ms.
const pollMs = 0.25;
const workerSource = `
const { workerData, parentPort } = require('node:worker_threads');
const due = new Float64Array(workerData, 0, 1);
const flags = new Int32Array(workerData, 8, 2);
const nowMs = () => { const [s, ns] = process.hrtime(); return s * 1e3 + ns / 1e6; };
while (Atomics.load(flags, 1) === 0) {
  if (Atomics.load(flags, 0) === 0) { Atomics.wait(flags, 1, 0, ${pollMs}); continue; }
  const wait = due[0] - nowMs();
  if (wait > 0) { Atomics.wait(flags, 1, 0, Math.min(wait, 50)); continue; }
  Atomics.store(flags, 0, 0);
  parentPort.postMessage(0);
}`;

const hrtimeMs = () => {
  const [seconds, nanoseconds] = process.hrtime();
  return seconds * 1e3 + nanoseconds / 1e6;
};

/**
 * hrtime − performance.now(), to the µs: the tightest of a few bracketed readings, because a single pair
 * is off by however long the first (cold) call takes — 0.7 ms once, which made every wake-up that early.
 */
function clockOffset(): number {
  let best = { width: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const before = performance.now();
    const hr = hrtimeMs();
    const after = performance.now();
    if (after - before < best.width) best = { width: after - before, offset: hr - (before + after) / 2 };
  }
  return best.offset;
}

/**
 * Starts the worker and resolves once it runs, calling `onWake` on the main thread at each armed time.
 * The worker is unref'd: it never keeps the process alive.
 */
export async function startSendTicker(onWake: () => void): Promise<SendTicker> {
  const shared = new SharedArrayBuffer(16);
  const due = new Float64Array(shared, 0, 1);
  const flags = new Int32Array(shared, 8, 2);
  // execArgv: [] keeps the parent's loader (tsx) out of a worker that runs plain JavaScript.
  const worker = new Worker(workerSource, { eval: true, workerData: shared, execArgv: [] });
  worker.unref();
  worker.on('message', onWake);
  await new Promise<void>((resolve, reject) => {
    worker.once('online', resolve);
    worker.once('error', reject);
  });
  const offset = clockOffset();
  let stopped = false;
  return {
    arm(dueMs) {
      due[0] = dueMs + offset;
      Atomics.store(flags, 0, 1);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      Atomics.store(flags, 1, 1);
      Atomics.notify(flags, 1);
      worker.off('message', onWake);
      await worker.terminate();
    },
  };
}
