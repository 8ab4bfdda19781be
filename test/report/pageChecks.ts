// Checks every report test makes of a page: what it links to, and its tables and charts.

import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every src/href (xlink:href too) of `page` that points off the machine: http://, https:// or protocol-relative. */
export function externalReferences(page: string): string[] {
  return [...page.matchAll(/\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?\/\/[^"'\s>]*)/gi)].map((match) => match[1]!);
}

/** The `<table class="name">` of `page`, or fails. */
export function tableOf(page: string, name: string): string {
  const table = page.match(new RegExp(`<table class="${name}">[\\s\\S]*?</table>`))?.[0];
  assert.ok(table !== undefined, `the page has a ${name} table`);
  return table;
}

/** The body rows of `table`, as the text of their cells (tags stripped). */
export function rowsOf(table: string): string[][] {
  const body = table.split('<tbody>')[1] ?? '';
  return body
    .split('<tr')
    .slice(1)
    .map((row) => [...row.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').trim()));
}

/**
 * Asserts that the report in `dir` shows each of `charts` as a section with inline SVG, saves its spec
 * (reading its data file) and data next to it, references nothing off the machine and has no script.
 */
export async function assertChartsAndSelfContained(dir: string, charts: readonly string[]): Promise<string> {
  const page = await readFile(path.join(dir, 'index.html'), 'utf8');
  const files = await readdir(path.join(dir, 'charts'));
  assert.deepEqual(files.sort(), charts.flatMap((chart) => [`${chart}.data.json`, `${chart}.vl.json`]).sort());
  for (const chart of charts) {
    assert.match(page, new RegExp(`<section id="${chart}">[\\s\\S]*?<div class="chart"><svg[\\s\\S]*?</svg></div>`), `${chart} is inline SVG`);
    const spec = JSON.stringify(JSON.parse(await readFile(path.join(dir, 'charts', `${chart}.vl.json`), 'utf8')));
    assert.ok(spec.includes(`"url":"${chart}.data.json"`), `${chart} reads its data file`);
    assert.ok(!spec.includes('"values"'), `${chart}'s saved spec holds no inline data`);
  }
  assert.deepEqual(externalReferences(page), []);
  assert.doesNotMatch(page, /<script/i);
  return page;
}
