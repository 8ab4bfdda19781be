// Turns a schema with defaults into its "override" form: every field optional and no default filled,
// so that a value absent from an override is absent (and the base's value stays) rather than reset.

import { z } from 'zod';

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T extends z.ZodPrefault<infer Inner> ? Inner : T;

/** The shape of `optionalFields(schema)`: each field `T` becomes `T` without its default, optional. */
export type OptionalFieldsShape<Shape extends z.core.$ZodShape> = { [K in keyof Shape]: z.ZodOptional<WithoutDefault<Shape[K]>> };

/** A strict object with the fields of `schema`, each optional and without its default. */
export function optionalFields<Shape extends z.core.$ZodShape>(
  schema: z.ZodObject<Shape, z.core.$ZodObjectConfig>,
): z.ZodObject<OptionalFieldsShape<Shape>, z.core.$strict> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => {
      const bare = field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? field.unwrap() : field;
      return [key, (bare as z.ZodType).optional()];
    }),
  );
  return z.strictObject(shape) as unknown as z.ZodObject<OptionalFieldsShape<Shape>, z.core.$strict>;
}
