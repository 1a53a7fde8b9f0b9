import { type Change, type Severity, SEVERITY_ORDER } from '../diff/types.js';
import { showInvisible } from './invisible.js';

/** Severities from most to least severe: the order every renderer lists changes in. */
export const SEVERITIES_MOST_SEVERE_FIRST: readonly Severity[] = [...SEVERITY_ORDER].reverse();

/** A JSON pointer as people read it: the root (`""`) is shown as `/`. */
export function displayPointer(pointer: string): string {
  return pointer === '' ? '/' : pointer;
}

/**
 * Where a change is written, when that says more than its path: inside a `$ref` target the node sits at
 * another pointer, often in another file. `schemaFiles` are the files the two schemas were loaded from (as
 * origins name them); without them, only the pointer is compared.
 */
export function definedAt(change: Change, schemaFiles?: readonly string[]): string | undefined {
  const origin = change.origin;
  if (origin === undefined) return undefined;
  const samePlace = origin.pointer === change.path || change.path.startsWith(`${origin.pointer}/`);
  const rootFile = schemaFiles === undefined || schemaFiles.includes(origin.file);
  if (samePlace && rootFile) return undefined;
  return origin.pointer === '' ? origin.file : `${origin.file}#${origin.pointer}`;
}

/** Anything with a severity: a schema `Change`, a tree change. */
interface HasSeverity {
  severity: Severity;
}

/** Changes grouped by severity, most severe first; order within a group is kept. Empty groups are left out. */
export function groupBySeverity<T extends HasSeverity>(
  changes: readonly T[],
): { severity: Severity; changes: T[] }[] {
  return SEVERITIES_MOST_SEVERE_FIRST.map((severity) => ({
    severity,
    changes: changes.filter((c) => c.severity === severity),
  })).filter((g) => g.changes.length > 0);
}

/** Changes sorted most severe first, keeping the original order within a severity. */
export function bySeverity<T extends HasSeverity>(changes: readonly T[]): T[] {
  return groupBySeverity(changes).flatMap((g) => g.changes);
}

/** "2 breaking, 1 additive, 3 with no effect on meaning"; empty string for no changes. */
export function countSummary(changes: readonly HasSeverity[]): string {
  return groupBySeverity(changes)
    .map((g) =>
      g.severity === 'none'
        ? `${g.changes.length} with no effect on meaning`
        : `${g.changes.length} ${g.severity}`,
    )
    .join(', ');
}

/** What a direction means, for people who did not write the flag. */
export function describeDirection(direction: 'input' | 'output'): string {
  return direction === 'input' ? 'requests the endpoint accepts' : 'responses it returns';
}

/**
 * Replaces line breaks so a value stays on one line, and shows control and bidirectional characters as
 * `\u202E` (see invisible.ts) so nothing in a name can act on the terminal or reorder what is read.
 */
export function oneLine(text: string): string {
  return showInvisible(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' '));
}
