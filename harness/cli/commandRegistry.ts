// Every infercap command, by name: its usage line and description, and how to load it. A command's module
// (and so onnxruntime-node, vega, the simulator, ...) is imported only when that command runs, so that
// `infercap --help` and light commands start in a blink. One line here per command.

import type { CommandModule } from 'yargs';

/** A command as the program lists it, and the loader of its options and handler. */
export interface CommandEntry {
  /** yargs usage, e.g. `run <scenario>`. */
  readonly command: string;
  readonly describe: string;
  readonly load: () => Promise<CommandModule<object, never>>;
}

export const commandRegistry: readonly CommandEntry[] = [
  { command: 'serve', describe: 'Run the reference inference server (Open Inference Protocol / KServe V2 REST)', load: async () => (await import('./commands/serve.ts')).serveCommand as CommandModule<object, never> },
  { command: 'models <action>', describe: 'Manage the built-in models (build)', load: async () => (await import('./commands/models.ts')).modelsCommand as CommandModule<object, never> },
  { command: 'quantize <input> <output>', describe: 'Quantize the MatMul, Gemm and Conv weights of an fp32 ONNX model to dynamic int8 (as ONNX Runtime quantize_dynamic does)', load: async () => (await import('./commands/quantize.ts')).quantizeCommand as CommandModule<object, never> },
  { command: 'convert <input> <output>', describe: 'Convert an fp32 ONNX model to fp16 that keeps fp32 inputs and outputs (--fp16)', load: async () => (await import('./commands/convert.ts')).convertCommand as CommandModule<object, never> },
  { command: 'run <scenario>', describe: 'Run a traffic scenario against a V2 server and judge its thresholds', load: async () => (await import('./commands/run.ts')).runCommand as CommandModule<object, never> },
  { command: 'gate', describe: 'Compare two results files and fail on a statistically significant regression', load: async () => (await import('./commands/gate.ts')).gateCommand as CommandModule<object, never> },
  { command: 'merge <files..>', describe: 'Merge the results of several shards of one scenario exactly', load: async () => (await import('./commands/merge.ts')).mergeCommand as CommandModule<object, never> },
  { command: 'sweep <scenario>', describe: 'Sweep concurrency or request rate until each level is stable; find the knee and calibrate a replica', load: async () => (await import('./commands/sweep.ts')).sweepCommand as CommandModule<object, never> },
  { command: 'hpa', describe: 'Run one step of the Kubernetes HPA controller on a JSON state and print its decision', load: async () => (await import('./commands/hpa.ts')).hpaCommand as CommandModule<object, never> },
  { command: 'simulate', describe: 'Replay a load trace against an autoscaling policy: latency, SLO attainment, replicas and cost', load: async () => (await import('./commands/simulate.ts')).simulateCommand as CommandModule<object, never> },
  { command: 'plan', describe: 'Capacity plan: fixed fleet size, the cheapest HPA policy meeting the SLO, Pareto frontier, Kubernetes manifests', load: async () => (await import('./commands/plan.ts')).planCommand as CommandModule<object, never> },
  { command: 'fidelity', describe: 'Replay a time-compressed trace window against a real fleet and simulate the same requests: per-second and total errors, HTML report', load: async () => (await import('./commands/fidelity.ts')).fidelityCommand as CommandModule<object, never> },
  { command: 'report <results..>', describe: 'Write an HTML report (charts, tables) for each run, sweep, calibration, simulation or plan file', load: async () => (await import('./commands/report.ts')).reportCommand as CommandModule<object, never> },
  { command: 'compare <files..>', describe: 'Compare the results of several runs in one HTML report', load: async () => (await import('./commands/compare.ts')).compareCommand as CommandModule<object, never> },
  { command: 'demo', describe: 'Run the whole pipeline on embedded defaults: scenarios, calibration, simulation, plan, reports', load: async () => (await import('./commands/demo.ts')).demoCommand as CommandModule<object, never> },
];

/** The entry a command line names (its first word that is not an option), if any. */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const word = argv.find((arg) => !arg.startsWith('-'));
  return commandRegistry.find((entry) => entry.command.split(' ')[0] === word);
}
