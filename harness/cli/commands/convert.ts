// `infercap convert --fp16 in.onnx out.onnx`: an fp16 variant of an fp32 ONNX model that keeps fp32 inputs and outputs.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { conversionNotChosen } from '../../../common/errors.ts';
import { convertModelFileToFloat16 } from '../../../models/index.ts';

const builder = (argv: Argv) =>
  argv
    .positional('input', { type: 'string', demandOption: true, describe: 'fp32 ONNX model' })
    .positional('output', { type: 'string', demandOption: true, describe: 'Where to write the converted model' })
    .option('fp16', { type: 'boolean', default: false, describe: 'Convert weights and activations to fp16; inputs and outputs stay fp32 (keep_io_types)' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON' })
    .example('$0 convert --fp16 model.onnx model.fp16.onnx', 'fp16 inside, fp32 at the edges: same requests, half the weight bytes');

type ConvertArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const convertCommand: CommandModule<object, ConvertArgs> = {
  builder: builder as unknown as CommandModule<object, ConvertArgs>['builder'],
  handler: async (args) => {
    // fp16 is the one conversion today; the flag names it so that others (bf16, …) can join without a breaking change.
    if (!args.fp16) throw conversionNotChosen();
    const summary = await convertModelFileToFloat16(args.input, args.output);
    process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${args.output}: ${JSON.stringify(summary)}\n`);
  },
};
