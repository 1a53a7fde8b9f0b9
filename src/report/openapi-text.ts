import type { Semantics } from '../diff/types.js';
import type { OpenApiChange, OpenApiDiff } from '../openapi/types.js';
import { bySeverity, countSummary, oneLine } from './paths.js';

export interface OpenApiTextOptions {
  semantics: Semantics;
  oldLabel: string;
  newLabel: string;
}

/** Where in an operation a change is: its location, and inside a schema the pointer. */
export function whereOf(c: OpenApiChange): string {
  return c.path === undefined || c.path === '' ? c.location : `${c.location} ${c.path}`;
}

/** Changes grouped by operation, in the order operations first appear; most severe first inside each. */
export function byOperation(
  changes: readonly OpenApiChange[],
): { operation: string; changes: OpenApiChange[] }[] {
  const groups = new Map<string, OpenApiChange[]>();
  for (const c of changes) {
    const list = groups.get(c.operation) ?? [];
    list.push(c);
    groups.set(c.operation, list);
  }
  return Array.from(groups, ([operation, list]) => ({ operation, changes: bySeverity(list) }));
}

const MAX_ALIGNED_WIDTH = 48;

/**
 * `--format text`: a verdict headline, then per operation one line per change, most severe first:
 * `  BREAKING  parameter query tenant  required-parameter-added  <message>`.
 */
export function renderOpenApiText(result: OpenApiDiff, opts: OpenApiTextOptions): string {
  const summary = result.changes.length === 0 ? 'no changes' : countSummary(result.changes);
  const lines = [
    `Verdict: ${result.verdict} (${opts.semantics} semantics) — ${summary}`,
    `Compared ${oneLine(opts.oldLabel)} → ${oneLine(opts.newLabel)}`,
  ];
  if (result.changes.every((c) => c.severity === 'none')) lines.push('', 'No differences in meaning.');
  for (const group of byOperation(result.changes)) {
    const rows = group.changes.map((c) => ({
      severity: c.severity.toUpperCase(),
      where: oneLine(whereOf(c)),
      rule: oneLine(c.rule),
      message: oneLine(c.message),
    }));
    const width = (values: string[]): number =>
      Math.min(MAX_ALIGNED_WIDTH, Math.max(...values.map((v) => v.length)));
    const sw = width(rows.map((r) => r.severity));
    const ww = width(rows.map((r) => r.where));
    const rw = width(rows.map((r) => r.rule));
    lines.push('', oneLine(group.operation));
    for (const r of rows) {
      lines.push(`  ${[r.severity.padEnd(sw), r.where.padEnd(ww), r.rule.padEnd(rw), r.message].join('  ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
