// npm run bench:harness — how fast and how punctual the open-loop driver is, against a trivial loopback
// endpoint (node:http in a child process, so no client shares its event loop):
// (a) its maximum request rate next to wrk's (goal ≥ 0.8x), (b) its scheduling accuracy at 2,000 req/s
// (goal: achieved rate within 1 %, ≥ 99 % of sends within 1 ms of their intended time).
// The machine is shared and noisy, so (a) interleaves wrk and the driver in rounds and reports medians.

import { arrivalSchedule } from '../harness/drive/arrivalSchedule.ts';
import { runOpenLoop } from '../harness/drive/openLoopDriver.ts';
import { startTrivialEndpoint, type TrivialEndpoint } from './support/trivialEndpoint.ts';
import { findWrk, wrkInstallHint, wrkRequestsPerSecond } from './support/wrk.ts';

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const accuracySeconds = Number(process.env.BENCH_ACCURACY_SECONDS ?? 10);
const connections = 64;
const unthrottledRate = 100_000;
const accuracyRate = 2000;
const body = '{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[0.1,0.2,0.3,0.4]}]}';

const write = (text: string) => process.stdout.write(text);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')} req/s`;

/** Completed 2xx requests per second with a schedule far above capacity and at most `connections` in flight. */
async function driverMaxRate(endpoint: TrivialEndpoint, durationMs: number): Promise<number> {
  let completed = 0;
  await runOpenLoop({
    url: endpoint.url,
    schedule: arrivalSchedule({ rate: unthrottledRate, durationMs, arrivals: 'constant' }),
    durationMs,
    nextBody: () => body,
    timeoutMs: 5000,
    connections,
    onOutcome: (outcome) => {
      if (outcome.dropped !== true && outcome.failure === undefined) completed++;
    },
  });
  return completed / (durationMs / 1000);
}

/** One open-loop phase at `target` req/s: achieved rate, drops, send lateness, CPU of this process. */
async function openLoopAt(endpoint: TrivialEndpoint, target: number, durationMs: number) {
  const lateness: number[] = [];
  let failed = 0;
  let lastSentMs = 0;
  const cpu = process.cpuUsage();
  const result = await runOpenLoop({
    url: endpoint.url,
    schedule: arrivalSchedule({ rate: target, durationMs, arrivals: 'constant' }),
    durationMs,
    nextBody: () => body,
    timeoutMs: 5000,
    onOutcome: (outcome) => {
      if (outcome.sentMs !== undefined) {
        lateness.push(outcome.sentMs - outcome.intendedMs);
        lastSentMs = Math.max(lastSentMs, outcome.sentMs);
      }
      if (outcome.failure !== undefined) failed++;
    },
  });
  const { user, system } = process.cpuUsage(cpu);
  lateness.sort((a, b) => a - b);
  const quantile = (q: number) => lateness[Math.min(lateness.length - 1, Math.floor(q * lateness.length))] ?? Number.NaN;
  return {
    result,
    failed,
    // On the wall clock, not the schedule: requests sent from the phase's start to the last send, plus one
    // interval (the last request's share), so sending late or spread out reads as a lower rate.
    achieved: result.sent / ((lastSentMs - result.startMs + 1000 / target) / 1000),
    withinOneMs: lateness.filter((late) => late <= 1).length / Math.max(1, lateness.length),
    lateness: { p50: quantile(0.5), p99: quantile(0.99), max: lateness.at(-1) ?? Number.NaN },
    cpuShare: (user + system) / 1000 / durationMs,
  };
}

const endpoint = await startTrivialEndpoint();
let complete = true;
try {
  write(`bench:harness — trivial loopback endpoint (node:http, child process), ${body.length}-byte JSON POSTs\n\n`);

  write(`(a) maximum request rate: ${rounds} interleaved rounds of ${seconds} s, ${connections} connections each, medians\n`);
  const wrk = findWrk();
  const driverRuns: number[] = [];
  const wrkRuns: number[] = [];
  await driverMaxRate(endpoint, 2000); // warm-up of the driver and the endpoint, discarded
  if (wrk === undefined) {
    complete = false;
    write(`  ${wrkInstallHint}; measuring the driver alone\n`);
  } else {
    await wrkRequestsPerSecond(wrk, { url: endpoint.url, body, connections, seconds: 1 }); // warm-up, discarded
  }
  for (let round = 0; round < rounds; round++) {
    if (wrk !== undefined) wrkRuns.push(await wrkRequestsPerSecond(wrk, { url: endpoint.url, body, connections, seconds }));
    driverRuns.push(await driverMaxRate(endpoint, seconds * 1000));
  }
  const runs = (values: number[]) => `(rounds: ${values.map((value) => Math.round(value).toLocaleString('en-US')).join(', ')})`;
  if (wrk !== undefined) write(`  wrk -t1 -c${connections} (closed loop, C)          ${rate(median(wrkRuns)).padStart(14)}   ${runs(wrkRuns)}\n`);
  write(`  open-loop driver, unthrottled          ${rate(median(driverRuns)).padStart(14)}   ${runs(driverRuns)}\n`);
  if (wrk !== undefined) {
    const ratios = driverRuns.map((driver, i) => driver / wrkRuns[i]!);
    const ratio = median(ratios);
    write(`  driver / wrk                           ${`${ratio.toFixed(2)}x`.padStart(14)}   (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal ≥ 0.8x: ${verdict(ratio >= 0.8)})\n`);
  }
  write(
    `  "unthrottled": a constant schedule of ${rate(unthrottledRate)}, far above capacity, with at most ${connections} requests\n` +
      `  in flight like wrk's ${connections} connections, so every connection carries a new request at the driver's next\n` +
      `  wake-up (≤ 0.25 ms), ${connections} more wait for one, and the excess is dropped; the rate counts completed 2xx answers per second.\n`,
  );
  if (wrk !== undefined) {
    const target = Math.round(0.8 * median(wrkRuns));
    const sustained = await openLoopAt(endpoint, target, 5000);
    const share = (count: number) => `${((count / sustained.result.scheduled) * 100).toFixed(1)} %`;
    write(
      `  for context, a real open-loop phase at 0.8x wrk = ${rate(target)} for 5 s (default limit of 1,024 connections):\n` +
        `  sent ${((sustained.achieved / target) * 100).toFixed(1)} % of target; dropped ${share(sustained.result.dropped)} ` +
        `(every connection busy and the backlog full), ${share(sustained.result.delayed)} sent late (waited for a connection, or the driver fell behind);\n` +
        `  send lateness p99 ${sustained.lateness.p99.toFixed(2)} ms. The driver and the endpoint share 2 cores here, and an open\n` +
        `  loop exposes every pause of the endpoint that a closed loop waits out.\n`,
    );
  }

  write(`\n(b) scheduling accuracy at ${rate(accuracyRate)} for ${accuracySeconds} s (after a 3 s warm-up at the same rate, discarded)\n`);
  await openLoopAt(endpoint, accuracyRate, 3000);
  const accuracy = await openLoopAt(endpoint, accuracyRate, accuracySeconds * 1000);
  const deviation = Math.abs(accuracy.achieved / accuracyRate - 1);
  write(`  achieved rate            ${accuracy.achieved.toFixed(1).padStart(9)} req/s  (${(deviation * 100).toFixed(2)} % off target; goal within 1 %: ${verdict(deviation <= 0.01)})\n`);
  write(`                           (sent ÷ time from the start to the last send + one interval, on the wall clock)\n`);
  write(`  sends within 1 ms        ${(accuracy.withinOneMs * 100).toFixed(2).padStart(9)} %      (goal ≥ 99 %: ${verdict(accuracy.withinOneMs >= 0.99)})\n`);
  write(`  send lateness            p50 ${accuracy.lateness.p50.toFixed(3)} ms, p99 ${accuracy.lateness.p99.toFixed(3)} ms, max ${accuracy.lateness.max.toFixed(3)} ms\n`);
  write(`  scheduled / sent / dropped / failed   ${accuracy.result.scheduled} / ${accuracy.result.sent} / ${accuracy.result.dropped} / ${accuracy.failed}\n`);
  write(`  driver CPU               ${(accuracy.cpuShare * 100).toFixed(0).padStart(9)} % of one core (both of its threads)\n`);
} finally {
  await endpoint.stop();
}
if (!complete) process.exitCode = 1;
