/** Invariants of the rule table itself: ids, inverses, mirrored effects and severities, documentation, tests. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SeveritySpec } from '../../../src/diff/rule-meta.js';
import { RULES, RULES_BY_ID, ruleById } from '../../../src/diff/rules/index.js';
import type { Direction, Effect } from '../../../src/diff/types.js';

/**
 * Rules whose strict severities deliberately do not mirror: they describe behaviour that travels one way
 * (a request's default, a field only clients send or only servers return), not a change to the set of
 * valid values, so reading the change backwards in the other direction is not the same change.
 */
const NOT_MIRRORED: Record<string, string> = {
  'default-added': 'a default decides what a client that omits the field gets; it matters to requests only',
  'default-removed': 'a default decides what a client that omits the field gets; it matters to requests only',
  'default-changed': 'a default decides what a client that omits the field gets; it matters to requests only',
  'read-only-added': 'a read-only field is one clients should stop sending: a request-side concern',
  'read-only-removed': 'clients may now send it; nobody relied on it being absent',
  'write-only-added': 'a write-only field may stop appearing in responses: a response-side concern',
  'write-only-removed': 'informational in both directions',
};

const MIRROR_EFFECT: Record<Effect | 'computed', Effect | 'computed'> = {
  widens: 'narrows',
  narrows: 'widens',
  both: 'both',
  none: 'none',
  unknown: 'unknown',
  computed: 'computed',
};

const FAMILIES = [
  'type',
  'enum',
  'numeric',
  'string',
  'array',
  'object',
  'combinator',
  'annotation',
  'unknown',
];

function strict(id: string, direction: Direction): SeveritySpec {
  return ruleById(id).severity?.strict?.[direction] ?? 'by-effect';
}

describe('rule registry', () => {
  it('ids are unique and kebab-case', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(RULES_BY_ID.size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('every inverse exists and inverts back', () => {
    for (const r of RULES) {
      const inverse = RULES_BY_ID.get(r.inverse);
      expect(inverse, `inverse of ${r.id}`).toBeDefined();
      expect(inverse?.inverse, `inverse of the inverse of ${r.id}`).toBe(r.id);
    }
  });

  it('effects mirror: widens ↔ narrows; both, none, unknown and computed mirror themselves', () => {
    for (const r of RULES)
      expect(ruleById(r.inverse).effect, `${r.id} → ${r.inverse}`).toBe(MIRROR_EFFECT[r.effect]);
  });

  it('strict severities mirror: a change to an input reads as its inverse on an output', () => {
    for (const r of RULES) {
      if (r.id in NOT_MIRRORED) continue;
      expect(strict(r.id, 'input'), `${r.id}.strict.input vs ${r.inverse}.strict.output`).toEqual(
        strict(r.inverse, 'output'),
      );
      expect(strict(r.id, 'output'), `${r.id}.strict.output vs ${r.inverse}.strict.input`).toEqual(
        strict(r.inverse, 'input'),
      );
    }
  });

  it('every listed exception exists, really is unmirrored, and says why', () => {
    for (const [id, reason] of Object.entries(NOT_MIRRORED)) {
      const r = ruleById(id);
      expect(reason.length).toBeGreaterThan(0);
      const mirrored =
        JSON.stringify(strict(id, 'input')) === JSON.stringify(strict(r.inverse, 'output')) &&
        JSON.stringify(strict(id, 'output')) === JSON.stringify(strict(r.inverse, 'input'));
      expect(mirrored, `${id} is listed as an exception but mirrors`).toBe(false);
    }
  });

  it('every rule explains itself: a `what` and a non-empty `why`', () => {
    for (const r of RULES) {
      expect(typeof r.what, r.id).toBe('function');
      expect(r.why.trim().length, r.id).toBeGreaterThan(0);
    }
  });

  it('a rule that can be undecided says whether the semantic check may settle it', () => {
    for (const r of RULES.filter((x) => x.semantic)) expect(r.effect, r.id).toBe('unknown');
  });

  it('every rule id is exercised by a family test', () => {
    const dir = new URL('./', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.test.ts') && f !== 'registry.test.ts');
    expect(files.sort()).toEqual(FAMILIES.map((f) => `${f}.test.ts`).sort());
    const text = files.map((f) => readFileSync(new URL(f, dir), 'utf8')).join('\n');
    const untested = RULES.map((r) => r.id).filter((id) => !text.includes(`'${id}'`));
    expect(untested).toEqual([]);
  });
});
