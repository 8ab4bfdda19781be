// The root page of a report directory: a link to every run report written into it.

import { html } from './html.ts';
import { htmlDocument } from './reportPage.ts';

/** One report in the index: its folder (relative to the index) and what it shows. */
export interface IndexEntry {
  readonly dir: string;
  readonly scenario: string;
  readonly source: string;
  readonly startedAt: string;
  readonly passed: boolean | undefined;
}

export function reportIndexPage(entries: readonly IndexEntry[]): string {
  return htmlDocument(
    'infercap reports',
    html`<h1>infercap reports</h1>
<p class="meta">${entries.length} run report${entries.length === 1 ? '' : 's'}</p>
<table>
<thead><tr><th>Report</th><th>Scenario</th><th>Started</th><th>Thresholds</th><th>Results file</th></tr></thead>
<tbody>${entries.map(
      (entry) => html`<tr><td><a href="${encodeURI(entry.dir)}/index.html">${entry.dir}</a></td><td class="text">${entry.scenario}</td><td class="text">${entry.startedAt}</td><td class="text">${
        entry.passed === undefined ? '–' : html`<span class="badge ${entry.passed ? 'pass' : 'fail'}">${entry.passed ? 'passed' : 'failed'}</span>`
      }</td><td class="text"><code>${entry.source}</code></td></tr>`,
    )}</tbody>
</table>`,
  );
}
