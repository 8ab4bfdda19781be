// The root page of a report directory: a link to every report written into it (any kind of
// reportKinds.ts), each with its kind and headline finding.

import { writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { html } from './html.ts';
import { reportKinds, type ReportedKind } from './reportKinds.ts';
import { htmlDocument } from './run/reportPage.ts';

/** One report in the index. */
export interface IndexEntry {
  readonly title: string;
  /** The report's index.html: absolute, or relative to the index's directory. */
  readonly path: string;
  readonly kind: ReportedKind;
  /** One line of what it found: "812.3/s, p99 12.3 ms, 0% errors". */
  readonly headline: string;
  /** Thresholds, gate or SLO: passed, failed, or nothing to judge. */
  readonly passed?: boolean | undefined;
  /** The file the report was made from, when there is one. */
  readonly source?: string | undefined;
}

/** `path` as a link from a page in `indexDir`: relative, with forward slashes, each segment URI-encoded. */
export function linkFrom(indexDir: string, path: string): string {
  const target = relative(resolve(indexDir), resolve(indexDir, path));
  return target.split(sep).map(encodeURIComponent).join('/');
}

/** The index page of `entries`, as a page in `indexDir`. */
export function reportIndexPage(entries: readonly IndexEntry[], indexDir: string, title = 'infercap reports'): string {
  return htmlDocument(
    title,
    html`<h1>${title}</h1>
<p class="meta">${entries.length} report${entries.length === 1 ? '' : 's'}</p>
<table class="reports">
<thead><tr><th>Report</th><th>Kind</th><th>Finding</th><th>Verdict</th><th>From</th></tr></thead>
<tbody>${entries.map(
      (entry) =>
        html`<tr><td class="text"><a href="${linkFrom(indexDir, entry.path)}">${entry.title}</a></td><td class="text">${reportKinds[entry.kind].label}</td><td class="text">${entry.headline}</td><td class="text">${
          entry.passed === undefined ? '–' : html`<span class="badge ${entry.passed ? 'pass' : 'fail'}">${entry.passed ? 'passed' : 'failed'}</span>`
        }</td><td class="text">${entry.source === undefined ? '–' : html`<code>${entry.source}</code>`}</td></tr>`,
    )}</tbody>
</table>`,
  );
}

/** Writes `dir/index.html` linking `entries`; returns its path. */
export async function writeReportIndex(entries: readonly IndexEntry[], dir: string, title?: string): Promise<string> {
  const index = join(dir, 'index.html');
  await mkdir(dirname(index), { recursive: true });
  await writeFile(index, reportIndexPage(entries, dir, title));
  return index;
}
