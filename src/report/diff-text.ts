import type { DiffResult, Direction, Semantics } from '../diff/types.js';
import { counterexampleText } from './counterexample.js';
import { countSummary, definedAt, displayPointer, groupBySeverity, oneLine } from './paths.js';

export interface TextOptions {
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
}

/** Paths and rule ids longer than this are not padded to a common width (they would push every message right). */
const MAX_ALIGNED_WIDTH = 40;

/**
 * `--format text`: a verdict headline, then one line per change, most severe first:
 * `BREAKING  /properties/status  enum-value-added  <message>`.
 */
export function renderText(result: DiffResult, opts: TextOptions): string {
  const semantics = `${opts.semantics} semantics`;
  const summary = result.changes.length === 0 ? 'no changes' : countSummary(result.changes);
  const lines = [
    `Verdict: ${result.verdict} (${opts.direction}, ${semantics}) — ${summary}`,
    `Compared ${oneLine(opts.oldLabel)} → ${oneLine(opts.newLabel)}`,
    '',
  ];
  if (result.changes.every((c) => c.severity === 'none')) lines.push('No differences in meaning.');
  if (result.changes.length === 0) return `${lines.join('\n')}\n`;

  const rows = groupBySeverity(result.changes).flatMap((g) =>
    g.changes.map((c) => {
      const where = definedAt(c, opts.schemaFiles);
      return {
        severity: g.severity.toUpperCase(),
        path: oneLine(displayPointer(c.path)),
        rule: oneLine(c.rule),
        message:
          oneLine(c.message) +
          (where === undefined ? '' : ` (defined at ${oneLine(where)})`) +
          (c.counterexample === undefined
            ? ''
            : ` — ${oneLine(counterexampleText(c.counterexample, opts.direction, c.severity))}`),
      };
    }),
  );
  const width = (values: string[]): number =>
    Math.min(MAX_ALIGNED_WIDTH, Math.max(...values.map((v) => v.length)));
  const severityWidth = width(rows.map((r) => r.severity));
  const pathWidth = width(rows.map((r) => r.path));
  const ruleWidth = width(rows.map((r) => r.rule));
  for (const r of rows) {
    lines.push(
      [r.severity.padEnd(severityWidth), r.path.padEnd(pathWidth), r.rule.padEnd(ruleWidth), r.message].join(
        '  ',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
