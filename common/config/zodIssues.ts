// The one formatter of zod issues: where an issue is (its field path, and the path whose line a file
// reader should point at) and how the field is named in a message, for files and for options alike.

import type { z } from 'zod';

export interface IssueLocation {
  /** The field, e.g. `phases[1].rate`; a single unknown key is named in it. */
  readonly field: string;
  /** The path to look up a line for (the first unknown key when there are several). */
  readonly linePath: readonly PropertyKey[];
  readonly path: readonly PropertyKey[];
}

/** `['phases', 1, 'rate']` → `phases[1].rate`; the empty path is `root`. */
export function formatFieldPath(fieldPath: readonly PropertyKey[], root: string): string {
  if (fieldPath.length === 0) return root;
  return fieldPath.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}

/** Where an issue is; `root` names the whole document (`scenario`, `policy`, `options`...). */
export function issueLocation(issue: z.core.$ZodIssue, root: string): IssueLocation {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = keys.length === 1 ? [...issue.path, keys[0]!] : issue.path;
  const linePath = keys.length > 1 ? [...issue.path, keys[0]!] : path;
  return { field: formatFieldPath(path, root), linePath, path };
}

/** `maxBatchSize` → `--max-batch-size`: how an option's field is named to the user who typed the flag. */
export const flagOf = (field: string): string => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The first issue of options validated by a schema, as `[flag, message]`; unknown keys are listed. */
export function optionIssue(error: z.ZodError): readonly [string, string] {
  const issue = error.issues[0]!;
  const field = issue.path.length > 0 ? flagOf(String(issue.path[0])) : 'options';
  return [field, issue.code === 'unrecognized_keys' ? `unknown option(s) ${issue.keys.join(', ')}` : issue.message];
}
