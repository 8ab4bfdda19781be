// What every results file infercap writes begins with, whatever its kind: the tool, the kind, the
// version of that kind's schema, when it was written, by which infercap, on which machine. Each kind's
// schema spreads `envelopeShape`; writers build theirs with `envelopeOf`.

import { z } from 'zod';
import { describeEnvironment } from './environment.ts';
import { toolVersion } from './toolVersion.ts';

/** Which part of a sharded run (`infercap run --shard index/count`) produced a file; index is 1-based. */
export const shardSchema = z
  .strictObject({ index: z.number().int().positive(), count: z.number().int().positive() })
  .refine((shard) => shard.index <= shard.count, { message: 'shard index must be at most the shard count' });
export type Shard = z.infer<typeof shardSchema>;

/** The machine and Node.js that produced the numbers. */
export const environmentSchema = z.strictObject({
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  cpus: z.number().int().nonnegative(),
  cpuModel: z.string(),
  totalMemoryBytes: z.number().int().nonnegative(),
  hostname: z.string(),
  shard: shardSchema.optional(),
});
export type Environment = z.infer<typeof environmentSchema>;

/** The envelope's fields for a results kind; `schemaVersion` is bumped on any change an older reader could not read. */
export function envelopeShape<K extends string, V extends number>(kind: K, schemaVersion: V) {
  return {
    tool: z.literal('infercap'),
    kind: z.literal(kind),
    schemaVersion: z.literal(schemaVersion),
    /** When the file was written (ISO 8601). */
    createdAt: z.iso.datetime({ offset: true }),
    /** The infercap version that wrote it (package.json's), or `unknown`. */
    toolVersion: z.string(),
    environment: environmentSchema,
  } as const;
}

/** The envelope of one results file. */
export interface Envelope<K extends string, V extends number> {
  readonly tool: 'infercap';
  readonly kind: K;
  readonly schemaVersion: V;
  readonly createdAt: string;
  readonly toolVersion: string;
  readonly environment: Environment;
}

export interface EnvelopeOptions {
  /** When the file is written (default: now). */
  readonly now?: Date;
  /** The shard this process runs, for a sharded run's results. */
  readonly shard?: Shard;
}

/** The envelope of a `kind` file this process writes now. */
export function envelopeOf<K extends string, V extends number>(kind: K, schemaVersion: V, options: EnvelopeOptions = {}): Envelope<K, V> {
  return {
    tool: 'infercap',
    kind,
    schemaVersion,
    createdAt: (options.now ?? new Date()).toISOString(),
    toolVersion: toolVersion(),
    environment: describeEnvironment(options.shard),
  };
}
