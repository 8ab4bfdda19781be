// `infercap demo`: the main job on embedded defaults. For now: build missing models, start the reference
// server on a free port, classify real MNIST test digits through the V2 API with each model version, stop.

import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createLogger } from '../../../common/log.ts';
import { defaultModelsDir, ensureModels, loadMnistTestSplit } from '../../../reference-server/modelBuild/index.ts';
import { startServer } from '../../../reference-server/server.ts';
import { inferRows } from '../../drive/v2Client.ts';

const builder = (argv: Argv) =>
  argv
    .options({
      'models-dir': { type: 'string', default: defaultModelsDir },
      digits: { type: 'number', default: 8, describe: 'How many MNIST test digits to classify' },
    })
    .example('$0 demo', 'Build the models if missing, serve them and classify real MNIST digits');

type DemoArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const demoCommand: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: 'Run the end-to-end demo on embedded defaults (nothing to install or start)',
  builder: builder as unknown as CommandModule<object, DemoArgs>['builder'],
  handler: async (args) => {
    const logger = createLogger('warn', { component: 'demo' });
    process.stdout.write(`[1/3] models: building any that are missing in ${args.modelsDir}\n`);
    await ensureModels(args.modelsDir, createLogger('info', { component: 'models' }));
    process.stdout.write('[2/3] server: starting the reference server on a free loopback port\n');
    const server = await startServer({ modelsDir: args.modelsDir, port: 0, logLevel: 'warn' }, logger);
    try {
      const split = loadMnistTestSplit();
      const count = Math.min(Math.max(1, Math.trunc(args.digits)), split.count);
      const rows = split.rows.subarray(0, count * 784);
      const labels = Array.from(split.labels.subarray(0, count));
      process.stdout.write(`[3/3] predictions: ${count} MNIST test digits through ${server.url}\n`);
      process.stdout.write(`  true labels          ${labels.join(' ')}\n`);
      for (const model of server.registry.models) {
        const probabilities = await inferRows(server.url, model.name, model.version, rows, 784);
        const predicted = probabilities.map((row) => row.indexOf(Math.max(...row)));
        const correct = predicted.filter((digit, i) => digit === labels[i]).length;
        const label = `${model.name}/${model.version}`.padEnd(20);
        process.stdout.write(`  ${label} ${predicted.join(' ')}   (${correct}/${count} correct)\n`);
      }
    } finally {
      await server.close();
    }
    process.stdout.write('demo finished: server stopped\n');
  },
};
