// The load drivers' connections: the one HTTP client layer (common/http/httpConnections.ts) with a
// limit, every request a POST of the scenario's body to one URL (or, for a mix of models, to one of
// several paths on its origin), each ending as a RequestOutcome.

import { HttpConnections, type HttpAnswer, type HttpConnectionError } from '../../common/http/httpConnections.ts';
import { cacheHeader } from './cacheHeader.ts';
import type { RequestOutcome } from './requestOutcome.ts';

export interface ConnectionPoolOptions {
  /** Where every request is POSTed (http: or https:). */
  readonly url: string;
  /** Most connections open at once = most requests in flight. */
  readonly connections: number;
  /** Extra request headers; content-type defaults to application/json. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * A request unanswered this long after its intended send time ends as a timeout (its connection is
   * closed): one that waited for a connection has that much less time (issue 14, 9a).
   */
  readonly timeoutMs: number;
  /** Called exactly once for every request sent, when it ends. */
  readonly onDone: (outcome: RequestOutcome) => void;
  /**
   * A mix of models: requests go to the path (with the extra headers) of the route `send` names, instead
   * of the URL's path, and each outcome carries that route's index as `model`.
   */
  readonly routes?: readonly { readonly path: string; readonly headers?: Readonly<Record<string, string>> }[];
}

type MutableOutcome = { -readonly [K in keyof RequestOutcome]: RequestOutcome[K] };

/** Keep-alive connections to one origin, opened on demand up to a limit, each carrying one POST at a time. */
export class ConnectionPool {
  readonly #onDone: ConnectionPoolOptions['onDone'];
  readonly #connections: HttpConnections;
  /** Path and header lines of each route (one, the URL's, without routes). */
  readonly #routes: readonly { readonly path: string; readonly headerLines: string }[];
  readonly #split: boolean;
  readonly #timeoutMs: number;
  #closed = false;

  /** @throws TypeError for a malformed URL; RangeError for another protocol, a bad connection count or timeout. */
  constructor(options: ConnectionPoolOptions) {
    if (!Number.isInteger(options.connections) || options.connections < 1) throw new RangeError(`invalid connections: ${options.connections}`);
    if (!(options.timeoutMs > 0)) throw new RangeError(`invalid timeoutMs: ${options.timeoutMs}`);
    const url = new URL(options.url);
    this.#connections = new HttpConnections(url.origin, { maxConnections: options.connections, keepBodies: false });
    this.#onDone = options.onDone;
    const headerLinesOf = (extra?: Readonly<Record<string, string>>) =>
      Object.entries({ 'content-type': 'application/json', ...options.headers, ...extra }).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    this.#split = options.routes !== undefined;
    this.#routes = (options.routes ?? [{ path: `${url.pathname}${url.search}` }]).map((route) => ({ path: route.path, headerLines: headerLinesOf(route.headers) }));
    this.#timeoutMs = options.timeoutMs;
  }

  /** Requests in flight (= busy connections). */
  get inFlight(): number {
    return this.#connections.inFlight;
  }

  /** Whether a request can be sent now without waiting for a connection. */
  get available(): boolean {
    return !this.#closed && this.#connections.available;
  }

  /** Sends one POST (to route `route`'s path) on an idle connection, or a new one while under the limit; false if none is free. */
  send(body: string | Buffer, intendedMs: number, route = 0): boolean {
    if (!this.available) return false;
    const sentMs = performance.now();
    const { path, headerLines } = this.#routes[route]!;
    return this.#connections.send({ method: 'POST', path, headerLines, body, timeoutMs: this.#timeoutMs, timeoutFromMs: intendedMs }, (error, answer) =>
      this.#end(intendedMs, sentMs, route, error, answer),
    );
  }

  /** Closes every connection; requests in flight are abandoned without an outcome. */
  close(): void {
    this.#closed = true;
    this.#connections.close();
  }

  #end(intendedMs: number, sentMs: number, route: number, error: HttpConnectionError | undefined, answer: HttpAnswer | undefined): void {
    if (this.#closed) return;
    const outcome: MutableOutcome = { intendedMs, sentMs, doneMs: performance.now() };
    if (this.#split) outcome.model = route;
    if (answer !== undefined) {
      outcome.status = answer.status;
      if (answer.status < 200 || answer.status >= 300) outcome.failure = 'status';
      const cache = cacheHeader(answer.rawHeaders);
      if (cache !== undefined) outcome.cache = cache;
    } else {
      outcome.failure = error!.problem === 'timeout' ? 'timeout' : 'connection';
      if (error!.status !== undefined) outcome.status = error!.status;
    }
    this.#onDone(outcome);
  }
}
