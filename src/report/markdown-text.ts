/**
 * The one Markdown escaping of every human-facing text (PR comments, check runs, issues, PR bodies): names
 * and values from contract files are untrusted, so nothing in them may break a table or inject Markdown
 * or HTML, and control and bidirectional characters are shown as `\u202E` (see invisible.ts).
 */
import { showInvisible } from './invisible.js';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const MAX_MESSAGE_CHARS = 1_000;
const MAX_CODE_CHARS = 300;

/**
 * A message for a table cell. Messages quote names in backticks; each quoted part becomes a safe code span and
 * everything else is escaped, so nothing in a name or value can break the table or inject Markdown or HTML.
 * With `inTable` false (a list item, a paragraph), pipes inside code spans are left alone.
 */
export function prose(message: string, inTable = true): string {
  const parts = shorten(message, MAX_MESSAGE_CHARS).split('`');
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return escapeText(part);
      // An odd part is quoted only if a closing backtick follows it.
      return i < parts.length - 1 ? codeSpan(part, inTable) : `\\\`${escapeText(part)}`;
    })
    .join('');
}

/** Cell text with everything Markdown or HTML could act on escaped, on one line. */
export function text(value: string): string {
  return escapeText(shorten(value, MAX_MESSAGE_CHARS));
}

/** A code span for a table cell (or, with `inTable` false, for a paragraph). */
export function code(value: string, inTable = true): string {
  return codeSpan(shorten(value, MAX_CODE_CHARS), inTable);
}

function escapeText(value: string): string {
  return showInvisible(
    value.replace(/[\\`*_[\]<>|~&!#]/g, (ch) => `\\${ch}`).replace(/\r\n|[\r\n\u2028\u2029]/g, '<br>'),
  );
}

/**
 * A code span that survives a table cell: a fence longer than any run of backticks inside, line breaks shown
 * as `\n`, and in a table escaped pipes (GitHub unescapes them before reading the span; elsewhere it would not).
 */
function codeSpan(value: string, inTable: boolean): string {
  const line = showInvisible(value.replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n'));
  const body = inTable ? line.replace(/\|/g, '\\|') : line;
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

function shorten(value: string, max: number): string {
  if (value.length <= max) return value;
  return `${cut(value, max - 1)}…`;
}

/** The first `max` code units, never splitting a surrogate pair. */
export function cut(value: string, max: number): string {
  if (value.length <= max) return value;
  const end = /[\uD800-\uDBFF]/.test(value.charAt(max - 1)) ? max - 1 : max;
  return value.slice(0, Math.max(0, end));
}
