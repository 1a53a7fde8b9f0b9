/** What every policy check reads: the diff, both trees, head's policy and the clock. */
import type { ContractSet, LoadedVersion, Policy, SourcePosition } from '../model/types.js';
import type { TreeDiff } from '../tree/diff.js';
import type { TreeChange } from '../tree/types.js';
import type { Finding } from './types.js';

export interface PolicyContext {
  diff: TreeDiff;
  base: ContractSet;
  head: ContractSet;
  /** The policy that judges: base's `contractguard.yaml` in a PR check (a PR cannot relax its own gate). */
  policy: Policy;
  now: Date;
  /** The base as the author names it locally (`main`), for the commands fixes print; unknown when absent. */
  baseRef?: string;
}

/** A pure step over findings: approvals, `failOn: never`, sorting. */
export type Modifier = (findings: Finding[]) => Finding[];

export function versionOf(set: ContractSet, endpoint: string, major: number): LoadedVersion | undefined {
  return set.endpoints.get(endpoint)?.versions.get(major);
}

/** Majors of an endpoint in either tree, ascending. */
export function majorsOf(ctx: PolicyContext, endpoint: string): number[] {
  const majors = new Set<number>();
  for (const set of [ctx.base, ctx.head])
    for (const major of set.endpoints.get(endpoint)?.versions.keys() ?? []) majors.add(major);
  return [...majors].sort((a, b) => a - b);
}

/** Where a pointer in a file is written, or its nearest written ancestor; undefined when unknown. */
export function positionIn(set: ContractSet, file: string, pointer: string): SourcePosition | undefined {
  let p = pointer;
  for (;;) {
    const found = set.position(file, p);
    if (found) return { file: found.file, line: found.line, column: found.column };
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** A change's position without its side (findings point at one place). */
export function positionOf(change: TreeChange | undefined): SourcePosition | undefined {
  if (!change?.position) return undefined;
  const { file, line, column } = change.position;
  return { file, line, column };
}

/** `[a, b]` → "a and b"; `[a, b, c]` → "a, b and c" (or "or"). */
export function andList(items: readonly string[], word: 'and' | 'or' = 'and'): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`
    : (items[0] ?? '');
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---- dates: `YYYY-MM-DD`, compared in whole UTC days ---------------------------------------------------

const DAY_MS = 86_400_000;

export function parseDay(date: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? undefined : ms / DAY_MS;
}

export function today(now: Date): number {
  return Math.floor(now.getTime() / DAY_MS);
}

export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
