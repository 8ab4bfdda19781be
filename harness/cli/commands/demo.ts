// `infercap demo`: the main job on embedded defaults. Builds the models if missing, runs the scenario set
// on a 2-replica fleet, calibrates a replica, simulates and plans a multi-day trace, writes every report
// and the root index, prints the findings, and stops everything it started.

import path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { createLogger } from '../../../common/log.ts';
import { defaultModelsDir } from '../../../models/index.ts';
import { demoProfile } from '../../demo/demoProfile.ts';
import { runDemo } from '../../demo/runDemo.ts';

const builder = (argv: Argv) =>
  argv
    .options({
      'models-dir': { type: 'string', default: defaultModelsDir },
      out: { type: 'string', default: path.join('reports', 'demo'), describe: 'Report directory (emptied first); its index.html links every report' },
      quick: {
        type: 'boolean',
        default: process.env['INFERCAP_DEMO_QUICK'] === '1',
        describe: 'Small model and one-second phases (CI); also INFERCAP_DEMO_QUICK=1',
      },
    })
    .example('$0 demo', 'The whole pipeline in about 3 minutes; open reports/demo/index.html')
    .example('$0 demo --quick --out /tmp/demo', 'The same steps in seconds, on the small model');

type DemoArgs = ArgumentsCamelCase<Awaited<ReturnType<typeof builder>['argv']>>;

export const demoCommand: CommandModule<object, DemoArgs> = {
  builder: builder as unknown as CommandModule<object, DemoArgs>['builder'],
  handler: async (args) => {
    const print = (line: string) => void process.stdout.write(`${line}\n`);
    const profile = demoProfile(args.quick);
    if (profile.quick) print('quick demo: mnist-mlp and one-second phases; the figures show the pipeline, not the models');
    const { index, entries } = await runDemo({
      profile,
      modelsDir: args.modelsDir,
      outDir: args.out,
      print,
      logger: createLogger('warn', { component: 'demo' }),
    });
    print('\nfindings:');
    for (const entry of entries) {
      const verdict = entry.passed === undefined ? '' : entry.passed ? '  [pass]' : '  [FAIL]';
      print(`  ${entry.title}: ${entry.headline}${verdict}`);
    }
    print(`\nopen the reports: ${path.resolve(index)}`);
  },
};
