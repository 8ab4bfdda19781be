// Keeps every replica process running: starts them, restarts one that dies with exponential back-off
// (it rejoins the rotation only once a health check finds it ready), and stops them all on shutdown.

import { replicasFailedToStart } from '../../common/errors.ts';
import type { Logger } from '../../common/log.ts';
import type { Replica } from './replica.ts';
import { HttpConnections } from '../../common/http/httpConnections.ts';
import type { ServerOptionsInput } from '../config/serverOptions.ts';
import { spawnServer, type ServerProcess } from '../spawnServer.ts';
import { crashesAfter, restartDelayMs, type RestartPolicy } from './restartBackoff.ts';

/** A replica's log line with its id: `"replica":id` first in a JSON line, a `replica id:` prefix otherwise. */
export function taggedLogLine(id: number, line: string): string {
  return line.startsWith('{') ? `{"replica":${id},${line.slice(1)}` : `replica ${id}: ${line}`;
}

export interface SupervisorOptions {
  /** Server options of one replica (its models, batching, cache, slowdown…); it listens on a free loopback port. */
  readonly serverOptions: (replica: Replica) => ServerOptionsInput;
  readonly restart: RestartPolicy;
  /** A replica not listening this long after it was spawned is killed and counts as a crash. */
  readonly startTimeoutMs: number;
  /** How long a replica may drain after SIGTERM before it is killed. */
  readonly stopGraceMs: number;
  /** Called when a replica's new process listens, so that it can be health-checked at once. */
  readonly onListening: (replica: Replica) => void;
  readonly writeLog: (line: string) => void;
  readonly logger: Logger;
}

interface Supervised {
  process: ServerProcess | undefined;
  crashes: number;
  runningSinceMs: number;
  restartTimer: NodeJS.Timeout | undefined;
}

export class Supervisor {
  readonly #replicas: readonly Replica[];
  readonly #options: SupervisorOptions;
  readonly #supervised = new Map<Replica, Supervised>();
  #stopping = false;

  constructor(replicas: readonly Replica[], options: SupervisorOptions) {
    this.#replicas = replicas;
    this.#options = options;
    for (const replica of replicas) this.#supervised.set(replica, { process: undefined, crashes: 0, runningSinceMs: 0, restartTimer: undefined });
  }

  /**
   * Starts every replica at once and resolves when all listen. If one fails to start, stops the others.
   * @throws InfercapError E_REPLICAS_FAILED_TO_START.
   */
  async startAll(): Promise<void> {
    const started = await Promise.allSettled(this.#replicas.map((replica) => this.#start(replica, false)));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure !== undefined) {
      await this.stopAll();
      throw replicasFailedToStart((failure.reason as Error).message);
    }
  }

  /** SIGTERM to every replica (each drains its in-flight work), SIGKILL after the grace period; no restarts after this. */
  async stopAll(): Promise<void> {
    this.#stopping = true;
    await Promise.all(
      this.#replicas.map(async (replica) => {
        const supervised = this.#supervised.get(replica)!;
        clearTimeout(supervised.restartTimer);
        const current = supervised.process;
        if (current === undefined) return;
        await current.stop(this.#options.stopGraceMs);
      }),
    );
  }

  /** Spawns the replica's process and resolves when it listens; a restart that fails schedules the next. */
  async #start(replica: Replica, isRestart: boolean): Promise<void> {
    const supervised = this.#supervised.get(replica)!;
    // Its own process group: a Ctrl-C at the terminal reaches the balancer, which drains first, then stops it.
    const child = spawnServer(this.#options.serverOptions(replica), { detached: true, writeLog: (line) => this.#options.writeLog(taggedLogLine(replica.id, line)) });
    supervised.process = child;
    replica.process = 'starting';
    replica.pid = child.pid;
    void child.exited.then((code) => this.#onExit(replica, child, code));
    const timer = setTimeout(() => {
      this.#options.logger.warn('replica.start_timeout', { replica: replica.id, ms: this.#options.startTimeoutMs });
      child.child.kill('SIGKILL');
    }, this.#options.startTimeoutMs);
    try {
      const url = await child.listening;
      if (supervised.process !== child || this.#stopping) return;
      replica.url = url;
      replica.connections = new HttpConnections(url);
      replica.ready = false;
      replica.process = 'running';
      supervised.runningSinceMs = performance.now();
      this.#options.logger.info('replica.listening', { replica: replica.id, url, pid: child.pid, restart: isRestart });
      this.#options.onListening(replica);
    } catch (error) {
      if (!isRestart) throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #onExit(replica: Replica, child: ServerProcess, code: number | string): void {
    const supervised = this.#supervised.get(replica)!;
    if (supervised.process !== child) return;
    supervised.process = undefined;
    const wasRunning = replica.process === 'running';
    replica.process = this.#stopping ? 'stopped' : 'down';
    replica.ready = false;
    replica.url = undefined;
    replica.connections?.close();
    replica.connections = undefined;
    if (this.#stopping) return;
    const uptimeMs = wasRunning ? performance.now() - supervised.runningSinceMs : 0;
    supervised.crashes = crashesAfter(supervised.crashes, uptimeMs, this.#options.restart);
    const delayMs = restartDelayMs(supervised.crashes, this.#options.restart);
    this.#options.logger.warn('replica.exited', { replica: replica.id, pid: child.pid, exit: code, restartInMs: delayMs, crashes: supervised.crashes });
    supervised.restartTimer = setTimeout(() => {
      supervised.restartTimer = undefined;
      if (this.#stopping) return;
      replica.restarts++;
      void this.#start(replica, true);
    }, delayMs);
  }
}
