// The `infercap` command line: one yargs program, a module per subcommand, one place that turns
// errors into messages and exit codes.

import yargs from 'yargs';
import { bugMessage, ExitCode, isInfercapError } from '../../common/errors.ts';
import { commandNamed, commandRegistry } from './commandRegistry.ts';

/** Prints a user error without a stack trace and returns its exit code; an unexpected error is a bug, said so, with its stack. */
export function reportError(error: unknown): number {
  if (isInfercapError(error)) {
    process.stderr.write(`infercap: ${error.message}\n`);
    return error.exitCode;
  }
  // Not a catalogue error: a bug in infercap, the only case a user sees a stack trace.
  process.stderr.write(`${bugMessage(error)}\n`);
  return ExitCode.runtimeFailure;
}

/** yargs reads a lone `-` as a positional argument; `--input -` (stdin, by convention) means `--input=-`. */
export function joinStdinDashes(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (const arg of argv) {
    const previous = joined.at(-1);
    if (arg === '-' && previous !== undefined && previous.startsWith('--') && !previous.includes('=')) joined[joined.length - 1] = `${previous}=-`;
    else joined.push(arg);
  }
  return joined;
}

export async function main(argv: readonly string[]): Promise<void> {
  // Output piped into `head` and the like: a closed pipe ends the command quietly, not with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const args = joinStdinDashes(argv);
  const program = yargs(args)
    .scriptName('infercap')
    .usage('$0 <command> [options]\n\nLoad testing and capacity planning for machine-learning inference services.');
  // Only the command being run is loaded; the others are listed by name and description.
  const requested = commandNamed(args);
  for (const entry of commandRegistry) {
    // A command not named on this line is never run, so it needs no handler of its own.
    const module = entry === requested ? await entry.load() : { handler: () => undefined };
    program.command({ ...module, command: entry.command, describe: entry.describe });
  }
  program
    .example('$0 demo', 'The whole pipeline on embedded defaults; writes reports/demo/index.html')
    .example('$0 models build', 'Train and export mnist-mlp and mnist-wide, fp32 and int8')
    .example('$0 quantize model.onnx model.int8.onnx', 'Dynamic int8 quantization of an fp32 ONNX model')
    .example('$0 serve --port 8000 --max-batch-size 32 --cache lru', 'Run the reference server (KServe V2 REST)')
    .example('$0 run smoke --junit junit.xml', 'Run a scenario; exit 99 when a threshold fails')
    .example('$0 gate --baseline base.json --current cur.json', 'Fail on a significant latency regression')
    .example('$0 merge a.json b.json --out all.json', 'Merge the results of shards exactly')
    .example('$0 hpa --input state.json', 'One step of the Kubernetes HPA controller, as JSON')
    .example('$0 report reports/results/smoke.json --out reports', 'Self-contained HTML report of a run (or a sweep, simulation, plan)')
    .example('$0 compare fp32.json int8.json --price-per-replica-hour 0.2', 'Compare runs: ratios, the gate, model accuracy, cost per million predictions')
    .demandCommand(1, 'name a command; "infercap --help" lists them')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      process.stderr.write(`infercap: ${message}\nRun "infercap --help" for usage.\n`);
      process.exit(ExitCode.badUsage);
    });
  try {
    await program.parseAsync();
  } catch (error) {
    process.exitCode = reportError(error);
  }
}
