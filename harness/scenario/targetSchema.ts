// What a scenario drives: any Open Inference Protocol (KServe V2) server by URL, or the reference
// server, which the harness starts with the given options and stops afterwards.

import { z } from 'zod';
import { serverOptionsSchema } from '../../reference-server/config/serverOptions.ts';
import { optionalFields } from './optionalFields.ts';

/**
 * The reference server's options a scenario may set, without defaults: the harness fills them by
 * resolving with the server's own schema, so the defaults stay in one place. Where the server listens
 * and logs is the harness's business, and where models live is the machine's, so those are left out.
 */
export const referenceOptionsSchema = optionalFields(
  serverOptionsSchema.omit({ host: true, port: true, logLevel: true, modelsDir: true }),
)
  .extend({
    redisUrl: z
      .url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' })
      .describe('Redis server of the shared cache; required with cache: redis.')
      .optional(),
  })
  .describe('Options of the reference server (camelCase, as in infercap serve); unset ones take the server defaults.');

/** `{ url }` or `{ reference }`: exactly one, so the target of a run is never ambiguous. */
export const targetSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL of a KServe V2 server, e.g. http://127.0.0.1:8000' })
      .describe('Base URL of a running Open Inference Protocol (KServe V2) server: Triton, KServe, MLServer, infercap serve.')
      .optional(),
    reference: referenceOptionsSchema.optional(),
  })
  .superRefine((target, ctx) => {
    if ((target.url === undefined) === (target.reference === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          target.url === undefined
            ? 'needs url: (a running V2 server) or reference: (options of the reference server the harness starts)'
            : 'has both url: and reference:; keep one (url: drives a running server, reference: starts one)',
      });
    }
  })
  // Editors learn "exactly one" from this; zod's own check is the superRefine above.
  .meta({ oneOf: [{ required: ['url'] }, { required: ['reference'] }] })
  .describe('The server under load: url: of any KServe V2 server, or reference: to start the reference server.')
  .transform((target): { url: string } | { reference: z.output<typeof referenceOptionsSchema> } =>
    target.url !== undefined ? { url: target.url } : { reference: target.reference! },
  );
