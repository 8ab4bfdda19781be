// The one catalogue of infercap's errors: every user-facing failure is built by a named factory, one per message
// (vega-lite's log/message.ts is the model), with a stable code, an HTTP status (for the server) and a process exit
// code (for the CLI). The factories live in common/errors/, a file per area; call sites import them from here.
// A call site names the message it means and passes only its variable parts, never text of its own
// (test/common/errors.test.ts checks this on the sources).

export { bugMessage, ExitCode, InfercapError, type InfercapErrorOptions, isInfercapError } from './errors/infercapError.ts';
export * from './errors/balancer.ts';
export * from './errors/commands.ts';
export * from './errors/compare.ts';
export * from './errors/config.ts';
export * from './errors/fidelity.ts';
export * from './errors/gate.ts';
export * from './errors/kubernetes.ts';
export * from './errors/models.ts';
export * from './errors/options.ts';
export * from './errors/results.ts';
export * from './errors/server.ts';
export * from './errors/simulator.ts';
export * from './errors/target.ts';
export * from './errors/trace.ts';
export * from './errors/v2Api.ts';
export * from './errors/workload.ts';

