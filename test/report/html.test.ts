import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html, trustedHtml } from '../../report/html.ts';

describe('escapeHtml', () => {
  it('replaces the five HTML-special characters with entities', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('html', () => {
  it('escapes interpolated text and keeps nested html and trusted markup as markup', () => {
    const name = '<script>alert(1)</script>';
    assert.equal(html`<td>${name}</td>${html`<b>${'&'}</b>`}${trustedHtml('<svg></svg>')}`.text, '<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><b>&amp;</b><svg></svg>');
  });

  it('joins lists and drops null, undefined and false', () => {
    assert.equal(html`${['<', 1, null, undefined, false, html`<i></i>`]}`.text, '&lt;1<i></i>');
  });
});
