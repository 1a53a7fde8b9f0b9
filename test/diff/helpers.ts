/**
 * Table-driven tests for the classifier: each case runs `diff` and asserts the EXACT set of
 * (rule, severity, path) it reports, so a rule that fires where it should not fails as loudly as one that
 * stays silent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import {
  type Change,
  type DiffOptions,
  type DiffResult,
  type Direction,
  type Semantics,
  type Severity,
  maxSeverity,
} from '../../src/diff/types.js';
import type { SchemaValue } from '../../src/schema/types.js';

export interface Expected {
  rule: string;
  severity: Severity;
  path: string;
  /** When set, the change's message must contain this text (or match this expression). */
  message?: string | RegExp;
}

export interface Case {
  name: string;
  old: SchemaValue;
  new: SchemaValue;
  direction: Direction;
  /** Omitted: the same expectation must hold under both semantics. */
  semantics?: Semantics;
  overrides?: DiffOptions['overrides'];
  expect: Expected[];
}

export type Projected = Pick<Change, 'rule' | 'severity' | 'path'>;

const SEMANTICS: readonly Semantics[] = ['pragmatic', 'strict'];

function byPlace(a: Projected, b: Projected): number {
  return a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule) || a.severity.localeCompare(b.severity);
}

/** The part of each change the tables pin, in a stable order. */
export function project(changes: readonly Pick<Change, 'rule' | 'severity' | 'path'>[]): Projected[] {
  return changes.map(({ rule, severity, path }) => ({ rule, severity, path })).sort(byPlace);
}

export async function run(
  old: SchemaValue,
  next: SchemaValue,
  direction: Direction,
  semantics: Semantics,
  overrides?: DiffOptions['overrides'],
): Promise<DiffResult> {
  return diff(old, next, { direction, semantics, ...(overrides ? { overrides } : {}) });
}

/** Asserts one case under one semantics: the exact projected set, the verdict, and any pinned messages. */
export async function check(c: Case, semantics: Semantics): Promise<DiffResult> {
  const result = await run(c.old, c.new, c.direction, semantics, c.overrides);
  expect(project(result.changes)).toEqual(project(c.expect));
  expect(result.verdict).toBe(maxSeverity(c.expect.map((e) => e.severity)));
  for (const e of c.expect) {
    if (e.message === undefined) continue;
    // Several changes may share a rule and path (one per enum value): one of them must match.
    const messages = result.changes
      .filter((ch) => ch.rule === e.rule && ch.path === e.path)
      .map((ch) => ch.message);
    const wanted =
      typeof e.message === 'string' ? expect.stringContaining(e.message) : expect.stringMatching(e.message);
    expect(messages).toContainEqual(wanted);
  }
  return result;
}

/** One `it` per case and semantics. */
export function runCases(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    afterAll(async () => {
      await shutdownSemanticWorker();
    });
    for (const c of cases) {
      for (const semantics of c.semantics ? [c.semantics] : SEMANTICS) {
        it(`${c.name} [${c.direction}, ${semantics}]`, async () => {
          await check(c, semantics);
        });
      }
    }
  });
}

/** The same change read as an input and as an output schema. */
export function both(
  name: string,
  old: SchemaValue,
  next: SchemaValue,
  expect: Record<Direction, Expected[]>,
  semantics?: Semantics,
): Case[] {
  return (['input', 'output'] as const).map((direction) => ({
    name,
    old,
    new: next,
    direction,
    ...(semantics ? { semantics } : {}),
    expect: expect[direction],
  }));
}

/**
 * A change and its mirror (new → old). Reading a change backwards swaps what is accepted with what is
 * produced, so `forward` and `backward` are stated separately rather than derived.
 */
export function mirrored(
  name: string,
  old: SchemaValue,
  next: SchemaValue,
  forward: Record<Direction, Expected[]>,
  backward: Record<Direction, Expected[]>,
  semantics?: Semantics,
): Case[] {
  return [
    ...both(name, old, next, forward, semantics),
    ...both(`${name} (mirrored)`, next, old, backward, semantics),
  ];
}

/** `{ type: 'object', properties }` plus extra keywords. */
export function obj(
  properties: Record<string, SchemaValue>,
  extra: Record<string, unknown> = {},
): SchemaValue {
  return { type: 'object', properties, ...extra };
}
