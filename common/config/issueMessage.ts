// Zod's issues in the words of a scenario file's author: what the field must be, what it was,
// and for a typo, the likely fix. Used as the error map of the one parse of a scenario.

import { z } from 'zod';
import { closestName } from './closestName.ts';

const expectedWords: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
};

/** A zod error map: the message for one raw issue. */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = expectedWords[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is required (${expected})`;
      return `must be ${expected}, got ${describe(issue.input)}`;
    }
    case 'too_small':
      return boundMessage(issue.origin, 'at least', 'greater than', issue.minimum, issue.inclusive);
    case 'too_big':
      return boundMessage(issue.origin, 'at most', 'less than', issue.maximum, issue.inclusive);
    case 'invalid_value':
      return oneOf(issue.values, issue.input);
    case 'invalid_union': {
      const { discriminator, options } = issue as { discriminator?: string; options?: readonly unknown[] };
      if (discriminator !== undefined && options !== undefined) {
        const value = (issue.input as Record<string, unknown> | undefined)?.[discriminator];
        if (value === undefined) return `is required (one of ${options.join(', ')})`;
        return oneOf(options, value);
      }
      return 'matches none of the allowed forms; see scenarios/schema.json';
    }
    case 'unrecognized_keys':
      return unknownKeysMessage(issue.keys, allowedKeys(issue.inst));
    case 'invalid_format':
      return `${describe(issue.input)} is not a valid ${issue.format}`;
    default:
      return issue.message ?? `is invalid (${issue.code})`;
  }
}

function boundMessage(origin: string, inclusiveWord: string, exclusiveWord: string, bound: number | bigint, inclusive = true): string {
  if (origin === 'array') return `must have ${inclusiveWord} ${bound} item${bound === 1 ? '' : 's'}`;
  if (origin === 'string') return bound === 1 && inclusiveWord === 'at least' ? 'must not be empty' : `must have ${inclusiveWord} ${bound} characters`;
  return `must be ${inclusive ? inclusiveWord : exclusiveWord} ${bound}`;
}

function oneOf(values: readonly unknown[], input: unknown): string {
  const names = values.map(String);
  const suggestion = typeof input === 'string' ? closestName(input, names) : undefined;
  return `must be one of ${names.join(', ')}, got ${describe(input)}${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`;
}

/** The message for unknown keys; the loader puts a single key into the path, so it is not repeated here. */
export function unknownKeysMessage(keys: readonly string[], allowed: readonly string[], what = 'key'): string {
  const listed = allowed.length === 0 ? '' : ` (allowed here: ${allowed.join(', ')})`;
  if (keys.length !== 1) return `unknown ${what}s ${keys.map((key) => `"${key}"`).join(', ')}${listed}`;
  const suggestion = closestName(keys[0]!, allowed);
  return `unknown ${what}${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}${listed}`;
}

function allowedKeys(inst: unknown): string[] {
  return inst instanceof z.ZodObject ? Object.keys(inst.shape).filter((key) => key !== '$schema') : [];
}

function describe(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
