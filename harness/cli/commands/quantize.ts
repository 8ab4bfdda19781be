// `infercap quantize in.onnx out.onnx`: dynamic int8 quantization of an fp32 ONNX model's MatMul/Gemm/Conv weights.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { quantizeModelFile } from '../../../models/index.ts';

const builder = (argv: Argv) =>
  argv
    .positional('input', { type: 'string', demandOption: true, describe: 'fp32 ONNX model' })
    .positional('output', { type: 'string', demandOption: true, describe: 'Where to write the int8 model' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the summary as JSON' })
    .example('$0 quantize model.onnx model.int8.onnx', 'Weights to int8, activations quantized at run time');

type QuantizeArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const quantizeCommand: CommandModule<object, QuantizeArgs> = {
  builder: builder as unknown as CommandModule<object, QuantizeArgs>['builder'],
  handler: async (args) => {
    const summary = await quantizeModelFile(args.input, args.output);
    process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : `${args.output}: ${JSON.stringify(summary)}\n`);
  },
};
