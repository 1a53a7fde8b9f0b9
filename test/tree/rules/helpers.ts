/**
 * Table-driven tests for contract rules: each case runs every contract rule on two contract.yaml files and
 * asserts the EXACT set of (rule, severity, path) reported, so a rule that fires where it should not fails
 * as loudly as one that stays silent.
 */
import { describe, expect, it } from 'vitest';
import type { Severity } from '../../../src/diff/types.js';
import { CHECKED_CONTRACT_RULES } from '../../../src/tree/rules/index.js';
import { contractSeverity, messageOf } from '../../../src/tree/rules/rule.js';
import { type VersionSpec, contract } from '../helpers.js';

export interface Expected {
  rule: string;
  severity: Severity;
  path: string;
  /** When set, the message must equal this text (or match this expression). */
  message?: string | RegExp;
  /** Where it is written, when it differs from the path (list items by index). */
  pointer?: string;
  shownIn?: 'base';
}

export interface Case {
  name: string;
  old: VersionSpec;
  new: VersionSpec;
  expect: Expected[];
}

export interface Reported {
  rule: string;
  severity: Severity;
  path: string;
  message: string;
  pointer?: string;
  shownIn?: 'base';
}

export function runRules(old: VersionSpec, next: VersionSpec): Reported[] {
  const o = contract('sync-customers', 3, old);
  const n = contract('sync-customers', 3, next);
  return CHECKED_CONTRACT_RULES.flatMap((rule) =>
    (rule.check?.(o, n) ?? []).map((hit) => ({
      rule: rule.id,
      severity: contractSeverity(rule),
      path: hit.path,
      message: messageOf(rule, hit.args, contractSeverity(rule)),
      ...(hit.pointer ? { pointer: hit.pointer } : {}),
      ...(hit.shownIn ? { shownIn: hit.shownIn } : {}),
    })),
  );
}

const key = (e: { rule: string; path: string }) => `${e.path} ${e.rule}`;
const byPlace = (a: { rule: string; path: string }, b: { rule: string; path: string }) =>
  key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

export function runCases(title: string, cases: readonly Case[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(c.name, () => {
        const got = runRules(c.old, c.new);
        expect(got.map(({ rule, severity, path }) => ({ rule, severity, path })).sort(byPlace)).toEqual(
          c.expect.map(({ rule, severity, path }) => ({ rule, severity, path })).sort(byPlace),
        );
        for (const e of c.expect) {
          const hit = got.find((g) => g.rule === e.rule && g.path === e.path);
          if (e.message !== undefined) {
            if (typeof e.message === 'string') expect(hit?.message).toBe(e.message);
            else expect(hit?.message).toMatch(e.message);
          }
          if (e.pointer !== undefined) expect(hit?.pointer).toBe(e.pointer);
          if (e.shownIn !== undefined) expect(hit?.shownIn).toBe(e.shownIn);
        }
      });
    }
  });
}
