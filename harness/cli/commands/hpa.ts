// `infercap hpa --input state.json` (or `-` for stdin): one step of the Kubernetes HPA controller on the
// given state, printed as one JSON object (see simulator/hpa/hpaStep.ts for the contract).

import { readFile } from 'node:fs/promises';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { configFileUnreadable, hpaInputNotJson } from '../../../common/errors.ts';
import { parseHpaInput } from '../../../simulator/hpa/hpaInput.ts';
import { hpaStep } from '../../../simulator/hpa/hpaStep.ts';

const builder = (argv: Argv) =>
  argv
    .options({
      input: { type: 'string', demandOption: true, describe: 'Controller state as JSON (a file, or - for stdin)' },
    })
    .example('$0 hpa --input state.json', 'Print what the HPA controller would do with this state')
    .epilogue(
      'The state\'s "controller" holds the --horizontal-pod-autoscaler-* flags and "featureGates" ' +
        '({ "HPAScaleToZero": false, "HPAConfigurableTolerance": false } by default, as in a stock cluster).',
    );

type HpaArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

/** Parses `inputText` (JSON), runs one controller step and returns the output JSON line; throws exit-2 errors on bad input. */
export function runHpaCommand(inputText: string, where = 'input'): string {
  let value: unknown;
  try {
    value = JSON.parse(inputText);
  } catch (error) {
    throw hpaInputNotJson(where, (error as Error).message);
  }
  return `${JSON.stringify(hpaStep(parseHpaInput(value, where)))}\n`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const hpaCommand: CommandModule<object, HpaArgs> = {
  builder: builder as unknown as CommandModule<object, HpaArgs>['builder'],
  handler: async (args) => {
    const where = args.input === '-' ? 'stdin' : args.input;
    let text: string;
    try {
      text = args.input === '-' ? await readStdin() : await readFile(args.input, 'utf8');
    } catch (error) {
      throw configFileUnreadable(where, '--input', (error as Error).message);
    }
    process.stdout.write(runHpaCommand(text, where));
  },
};
