// yargs options generated from a zod object schema, so that a command's flags, their types, choices,
// defaults and help text are the schema's, defined once: `maxBatchSize` becomes `--max-batch-size`.

import type { Options } from 'yargs';
import type { z } from 'zod';

/** `maxBatchSize` → `max-batch-size`. */
export const flagName = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

interface FieldFacts {
  readonly base: z.ZodType;
  readonly description: string | undefined;
  readonly defaultValue: unknown;
}

/** Unwraps default/optional layers of a field: its base type, first description and default value. */
function fieldFacts(field: z.ZodType): FieldFacts {
  let current = field as z.ZodType & { def: { type: string; innerType?: z.ZodType; defaultValue?: unknown } };
  let description: string | undefined;
  let defaultValue: unknown;
  for (;;) {
    description ??= current.description;
    if (current.def.type === 'default') defaultValue = current.def.defaultValue;
    if (current.def.innerType === undefined) return { base: current, description, defaultValue };
    current = current.def.innerType as typeof current;
  }
}

/** The yargs option of one field, from its base type; undefined for types a flag cannot express. */
function optionOf(facts: FieldFacts): Options | undefined {
  const def = (facts.base as z.ZodType & { def: { type: string; element?: z.ZodType; entries?: Record<string, string> } }).def;
  const common: Options = {
    ...(facts.description === undefined ? {} : { describe: facts.description }),
    ...(facts.defaultValue === undefined ? {} : { default: facts.defaultValue }),
  };
  switch (def.type) {
    case 'number':
      return { ...common, type: 'number' };
    case 'string':
      return { ...common, type: 'string' };
    case 'boolean':
      return { ...common, type: 'boolean' };
    case 'enum':
      return { ...common, choices: Object.values(def.entries ?? {}) };
    case 'array':
      return { ...common, type: (def.element as { def: { type: string } } | undefined)?.def.type === 'number' ? 'number' : 'string', array: true };
    default:
      return undefined;
  }
}

/**
 * One yargs option per field of `schema`, keyed by flag name. `overrides` adjusts a field's option (a
 * different flag form, a group, a CLI-only default) or leaves it out with `false`.
 * @throws Error (a bug in the caller) for a field no flag can express that has no override.
 */
export function optionsFromSchema(
  schema: z.ZodObject,
  overrides: Readonly<Record<string, (Options & { flag?: string }) | false>> = {},
  group?: string,
): Record<string, Options> {
  const options: Record<string, Options> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const override = overrides[key];
    if (override === false) continue;
    const facts = fieldFacts(field as z.ZodType);
    const generated = optionOf(facts);
    if (generated === undefined && override === undefined) throw new Error(`schema field ${key} needs a CLI override: no flag type fits it`);
    const { flag, ...rest } = override ?? {};
    const describe = facts.description === undefined ? {} : { describe: facts.description };
    options[flag ?? flagName(key)] = { ...describe, ...generated, ...(group === undefined ? {} : { group }), ...rest };
  }
  return options;
}

/** The schema's fields that `args` (yargs' camel-cased result) holds, as the schema's input. */
export function schemaInput(schema: z.ZodObject, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) if (args[key] !== undefined) input[key] = args[key];
  return input;
}
