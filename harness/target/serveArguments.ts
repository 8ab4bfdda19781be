// Turns reference-server options (the camelCase keys of the server's option schema, as a scenario's
// `target.reference` writes them) into `infercap serve` flags.

import type { ServerOptionsInput } from '../../reference-server/config/serverOptions.ts';

const flag = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** `{ maxBatchSize: 32, batching: false, models: ['a'] }` → `['--max-batch-size', '32', '--no-batching', '--models', 'a']`. */
export function serveArguments(options: ServerOptionsInput): string[] {
  const args: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (key === 'defaultVersions') {
      for (const [model, version] of Object.entries(value as Record<string, string>)) args.push('--default-version', `${model}=${version}`);
    } else if (typeof value === 'boolean') {
      args.push(value ? flag(key) : `--no-${flag(key).slice(2)}`);
    } else if (Array.isArray(value)) {
      for (const item of value) args.push(flag(key), String(item));
    } else {
      args.push(flag(key), String(value));
    }
  }
  return args;
}
