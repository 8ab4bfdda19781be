// `infercap models build`: trains and exports the built-in models (fp32) and quantizes them (int8).

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createLogger, logLevels } from '../../../common/log.ts';
import { buildModels, defaultModelsDir } from '../../../models/index.ts';

const builtInModels = ['mnist-mlp', 'mnist-wide'] as const;

const buildBuilder = (argv: Argv) =>
  argv
    .options({
      'models-dir': { type: 'string', default: defaultModelsDir, describe: 'Where <model>/<version>/model.onnx is written' },
      models: { choices: builtInModels, array: true, default: [...builtInModels], describe: 'Which models to build' },
      force: { type: 'boolean', default: false, describe: 'Rebuild even if the files exist' },
      json: { type: 'boolean', default: false, describe: 'Print the metadata of every model as JSON' },
      'log-level': { choices: logLevels, default: 'info' as const },
    })
    .example('$0 models build', 'Build mnist-mlp and mnist-wide, fp32 and int8, into reference-server/models')
    .example('$0 models build --models mnist-mlp --force --json', 'Rebuild one model and print its metadata');

type BuildArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof buildBuilder>['argv']>>;

const buildCommand: CommandModule<object, BuildArgs> = {
  command: 'build',
  describe: 'Train the MNIST models on the digits of the mnist package, export them to ONNX and quantize them to int8',
  builder: buildBuilder as unknown as CommandModule<object, BuildArgs>['builder'],
  handler: async (args) => {
    const logger = createLogger(args.logLevel, { component: 'models' });
    const built = await buildModels({ modelsDir: args.modelsDir, models: args.models, force: args.force, logger });
    if (args.json) {
      process.stdout.write(`${JSON.stringify(built, null, 2)}\n`);
      return;
    }
    for (const model of built) {
      const accuracy = typeof model.accuracy === 'number' ? `${(model.accuracy * 100).toFixed(2)} %` : 'n/a';
      process.stdout.write(`${model.name}/${model.version}: test accuracy ${accuracy}, ${model.sizeBytes} bytes\n`);
    }
    process.stdout.write(`models are in ${args.modelsDir}\n`);
  },
};

export const modelsCommand: CommandModule = {
  builder: (argv) => argv.command(buildCommand).demandCommand(1, 'name an action: build'),
  handler: () => undefined,
};
