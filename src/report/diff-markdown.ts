import type { Change, DiffResult, Direction, Semantics, Severity } from '../diff/types.js';
import { markdownCounterexample } from './counterexample.js';
import { code, cut, GITHUB_COMMENT_LIMIT, prose } from './markdown-text.js';
import { bySeverity, countSummary, definedAt, describeDirection, displayPointer } from './paths.js';

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
  const rows = ordered.map((c) => row(c, opts.schemaFiles, opts.direction));
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

function row(c: Change, schemaFiles: readonly string[] | undefined, direction: Direction): string {
  const where = definedAt(c, schemaFiles);
  const what =
    prose(c.message) +
    (where === undefined ? '' : ` (defined at ${code(where)})`) +
    (c.counterexample === undefined
      ? ''
      : `<br>${markdownCounterexample(c.counterexample, direction, { wrappable: true, severity: c.severity })}`);
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
