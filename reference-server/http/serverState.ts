// The mutable facts of a running server that its routes read: readiness, draining, requests in flight.

export interface ServerState {
  /** True once every model is loaded and warmed up, false again while draining. */
  ready: boolean;
  /** True after SIGTERM: new inference requests are refused. */
  draining: boolean;
  /** Inference requests received and not yet answered. */
  inFlight: number;
}

export function createServerState(): ServerState {
  return { ready: false, draining: false, inFlight: 0 };
}
