import type { Change, DiffResult, Direction, Semantics, Severity } from '../diff/types.js';
import { bySeverity, countSummary, definedAt, describeDirection, displayPointer } from './paths.js';

/** GitHub rejects issue and pull-request comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface MarkdownOptions {
  direction: Direction;
  semantics: Semantics;
  /** How the old and new schemas are named to the reader, e.g. the paths as typed. */
  oldLabel: string;
  newLabel: string;
  /**
   * The files the two schemas were loaded from, as origins name them (`ResolvedSchema.file`): a change written
   * in one of them at its own path needs no "defined at".
   */
  schemaFiles?: readonly string[];
  /**
   * Longest output, in UTF-16 code units (never fewer than GitHub's characters). Defaults a little under
   * GitHub's comment limit, leaving room for a marker or a wrapper around the report.
   */
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = GITHUB_COMMENT_LIMIT - 1_536;
/** Longest cell text kept before escaping, so one enormous message cannot crowd out every other row. */
const MAX_MESSAGE_CHARS = 1_000;
const MAX_CODE_CHARS = 300;

const BADGE: Record<Severity, string> = {
  breaking: 'BREAKING',
  dangerous: 'DANGEROUS',
  additive: 'ADDITIVE',
  none: 'NO CHANGE IN MEANING',
};

const TABLE_HEADER = '| Severity | Where | Rule | What changed |\n| --- | --- | --- | --- |';

/**
 * `--format markdown`, for a pull-request comment: a verdict heading, a table of the changes that matter
 * (most severe first), the changes without effect folded into `<details>`, and a hint for a breaking verdict.
 * Never longer than `maxLength`: rows are dropped least severe first, and the report says how many.
 */
export function renderMarkdown(result: DiffResult, opts: MarkdownOptions): string {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  const ordered = bySeverity(result.changes);
  const rows = ordered.map((c) => row(c, opts.schemaFiles));
  const important = ordered.filter((c) => c.severity !== 'none').length;

  const assemble = (kept: number): string => {
    const parts = [heading(result, opts)];
    if (important === 0) parts.push('No differences in meaning.');
    const mainKept = Math.min(kept, important);
    if (mainKept > 0) parts.push([TABLE_HEADER, ...rows.slice(0, mainKept)].join('\n'));
    if (kept > important) {
      const noneTotal = ordered.length - important;
      parts.push(
        [
          `<details><summary>${noneTotal} ${noneTotal === 1 ? 'change' : 'changes'} with no effect on meaning</summary>`,
          '',
          TABLE_HEADER,
          ...rows.slice(important, kept),
          '',
          '</details>',
        ].join('\n'),
      );
    }
    if (kept < ordered.length) parts.push(omitted(ordered.slice(kept)));
    const hint = HINT[result.verdict]?.(opts.direction);
    if (hint !== undefined) parts.push(hint);
    return `${parts.join('\n\n')}\n`;
  };

  // Estimate how many rows fit, then check the real text and drop rows until it does.
  let kept = 0;
  let used =
    assemble(0).length + '<details><summary></summary>\n\n\n\n\n</details>'.length + 2 * TABLE_HEADER.length;
  while (kept < rows.length && used + (rows[kept]?.length ?? 0) + 1 <= maxLength) {
    used += (rows[kept]?.length ?? 0) + 1;
    kept += 1;
  }
  let out = assemble(kept);
  while (out.length > maxLength && kept > 0) {
    kept -= 1;
    out = assemble(kept);
  }
  return out.length <= maxLength ? out : cut(out, maxLength);
}

function heading(result: DiffResult, opts: MarkdownOptions): string {
  const summary = result.changes.length === 0 ? 'no changes' : countSummary(result.changes);
  return [
    `### contractguard: ${BADGE[result.verdict]}`,
    '',
    `${code(opts.oldLabel, false)} → ${code(opts.newLabel, false)}: ${summary}. ` +
      `Compared as an ${opts.direction} schema (${describeDirection(opts.direction)}), ${opts.semantics} semantics.`,
  ].join('\n');
}

function row(c: Change, schemaFiles: readonly string[] | undefined): string {
  const where = definedAt(c, schemaFiles);
  const what = prose(c.message) + (where === undefined ? '' : ` (defined at ${code(where)})`);
  const severity = c.severity === 'none' ? 'none' : `**${c.severity}**`;
  return `| ${severity} | ${code(displayPointer(c.path))} | ${code(c.rule)} | ${what} |`;
}

function omitted(changes: Change[]): string {
  const n = changes.length;
  return (
    `**${n} more ${n === 1 ? 'change' : 'changes'} not shown** (${countSummary(changes)}): ` +
    `GitHub limits a comment to ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')} characters. ` +
    'The text and JSON formats list every change.'
  );
}

const HINT: Partial<Record<Severity, (direction: Direction) => string>> = {
  breaking: (direction) =>
    '**How to fix:** breaking changes need a new major version; or make the change additive: ' +
    (direction === 'input'
      ? 'keep accepting every request the old schema accepted (make new fields optional, and widen rather than narrow types, enums and limits).'
      : 'return only responses the old schema allowed (keep existing fields with the same types and enum values, and put new data in new optional fields).'),
  dangerous: () =>
    '**Check by hand:** dangerous changes may break some clients; find out who depends on them before merging.',
};

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
  return value
    .replace(/[\\`*_[\]<>|~&!#]/g, (ch) => `\\${ch}`)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, '<br>')
    .replace(controlChars, '?');
}

/**
 * A code span that survives a table cell: a fence longer than any run of backticks inside, line breaks shown
 * as `\n`, and in a table escaped pipes (GitHub unescapes them before reading the span; elsewhere it would not).
 */
function codeSpan(value: string, inTable: boolean): string {
  const line = value.replace(/\r\n|[\r\n\u2028\u2029]/g, '\\n').replace(controlChars, '?');
  const body = inTable ? line.replace(/\|/g, '\\|') : line;
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

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
