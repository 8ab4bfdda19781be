import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { externalReferences, rowsOf } from './pageChecks.ts';

describe('externalReferences', () => {
  it('finds http, https and protocol-relative src and href, and nothing else', () => {
    const page = `<a href="charts/a.json">a</a><img src='https://cdn.example/x.png'><a href=http://x.org>x</a><use xlink:href="//evil/y"/><p>https://fine.in.text</p>`;
    assert.deepEqual(externalReferences(page), ['https://cdn.example/x.png', 'http://x.org', '//evil/y']);
  });
});

describe('rowsOf', () => {
  it('gives the cell texts of each body row', () => {
    assert.deepEqual(rowsOf('<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>1 <b>x</b></td><th>k</th></tr><tr class="a"><td>2</td></tr></tbody></table>'), [['1 x', 'k'], ['2']]);
  });
});
