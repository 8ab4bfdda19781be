// Active health checks: every interval, GET /v2/health/ready on each running replica; a replica is in
// rotation only while its last check answered 200 within the timeout.

import type { Logger } from '../../common/log.ts';
import type { Replica } from './replica.ts';
import type { HttpConnections } from '../../common/http/httpConnections.ts';

/** Whether `GET /v2/health/ready` answers 200 within `timeoutMs`; never rejects. */
export function probeReady(connections: HttpConnections, timeoutMs: number): Promise<boolean> {
  return connections.request({ method: 'GET', path: '/v2/health/ready', headerLines: '', timeoutMs }).then(
    (answer) => answer.status === 200,
    () => false,
  );
}

export class ActiveHealthChecks {
  readonly #replicas: readonly Replica[];
  readonly #intervalMs: number;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #pending = new Map<Replica, Promise<void>>();
  #timer: NodeJS.Timeout | undefined;

  /** Checks every `intervalMs`; a check unanswered after `timeoutMs` (at most the interval) fails. */
  constructor(replicas: readonly Replica[], intervalMs: number, logger: Logger, timeoutMs = Math.min(intervalMs, 1_000)) {
    this.#replicas = replicas;
    this.#intervalMs = intervalMs;
    this.#timeoutMs = Math.min(timeoutMs, intervalMs);
    this.#logger = logger;
  }

  start(): void {
    this.#timer ??= setInterval(() => {
      for (const replica of this.#replicas) void this.check(replica);
    }, this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Checks one replica now and updates its `ready`; joins the check already under way, if any. */
  check(replica: Replica): Promise<void> {
    const url = replica.url;
    const connections = replica.connections;
    if (url === undefined || connections === undefined || replica.process !== 'running') return Promise.resolve();
    let pending = this.#pending.get(replica);
    if (pending === undefined) {
      pending = probeReady(connections, this.#timeoutMs).then((ready) => {
        this.#pending.delete(replica);
        // The replica may have been restarted meanwhile; this answer was about its previous process.
        if (replica.url !== url) return;
        if (ready !== replica.ready) this.#logger.info(ready ? 'replica.ready' : 'replica.not_ready', { replica: replica.id, url });
        replica.ready = ready;
      });
      this.#pending.set(replica, pending);
    }
    return pending;
  }
}
