// HTML built only through the `html` template: every interpolated value is escaped unless it is
// already `Html`, so user text (scenario, phase and error names, JSON) cannot become markup.

/** Markup that is already safe to insert as is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` with the five HTML-special characters replaced by entities: safe in content and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => entities[char]!);
}

/** A value allowed inside `html`: text (escaped), numbers, markup, or lists of these; null/undefined/false give nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; nested `html` results stay markup. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let text = strings[0]!;
  values.forEach((value, i) => {
    text += render(value) + strings[i + 1]!;
  });
  return new Html(text);
}

/**
 * Trusts `markup` as HTML. Only for markup made by code, never from user text: here, the SVG that
 * vega renders (it escapes the text it draws; the report checks that no script element slips through).
 */
export function trustedHtml(markup: string): Html {
  return new Html(markup);
}
