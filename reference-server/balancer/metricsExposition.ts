// Merges the replicas' Prometheus text expositions into one, each sample labelled with its `replica`, so
// one scrape of the balancer sees the whole fleet. Each family keeps one HELP and TYPE line.

interface Family {
  readonly comments: string[];
  readonly samples: string[];
}

/** `name{a="b"} 1` → `name{replica="2",a="b"} 1`; `name 1` → `name{replica="2"} 1`. */
export function withReplicaLabel(sample: string, replicaId: number): string {
  const label = `replica="${replicaId}"`;
  const brace = sample.indexOf('{');
  const space = sample.indexOf(' ');
  if (brace !== -1 && (space === -1 || brace < space)) {
    const empty = sample[brace + 1] === '}';
    return `${sample.slice(0, brace + 1)}${label}${empty ? '' : ','}${sample.slice(brace + 1)}`;
  }
  return space === -1 ? sample : `${sample.slice(0, space)}{${label}}${sample.slice(space)}`;
}

/** The family a `# HELP name ...` or `# TYPE name ...` line is about. */
const familyOf = (comment: string) => comment.split(' ')[2] ?? '';

/** One exposition of every replica's families, in order of first appearance, samples grouped by family. */
export function mergeExpositions(expositions: readonly { readonly replicaId: number; readonly text: string }[]): string {
  const families = new Map<string, Family>();
  const loose: string[] = [];
  for (const { replicaId, text } of expositions) {
    let current: Family | undefined;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) {
        const name = familyOf(line);
        let family = families.get(name);
        const fresh = family === undefined;
        family ??= { comments: [], samples: [] };
        if (fresh) families.set(name, family);
        // Only the first replica's HELP and TYPE: the format allows one of each per family.
        if (!family.comments.some((comment) => comment.startsWith(line.slice(0, 7)))) family.comments.push(line);
        current = family;
      } else if (line.startsWith('#')) {
        continue;
      } else {
        (current?.samples ?? loose).push(withReplicaLabel(line, replicaId));
      }
    }
  }
  const lines: string[] = [];
  for (const family of families.values()) lines.push(...family.comments, ...family.samples);
  lines.push(...loose);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
