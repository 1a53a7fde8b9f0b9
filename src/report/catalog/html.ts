/**
 * HTML built from template literals in which every interpolated value is escaped (with escape-html) unless
 * it is itself `Html` built the same way: text from contract files can never become markup by mistake.
 */
import escapeHtml from 'escape-html';

/** Markup that is safe as it is: built by `html` or from a constant. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text (escaped), numbers, markup, lists of them; nothing for absent. */
export type Part = Html | string | number | undefined | null | false | readonly Part[];

export function html(strings: TemplateStringsArray, ...values: Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(value: Part): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Html) return value.markup;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

/** Markup written in this code base (a stylesheet, an SVG path): trusted as it is. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
