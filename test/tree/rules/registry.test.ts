/** Invariants of the contract rule table, and of the rule ids of both engines together. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Effect } from '../../../src/diff/types.js';
import { RULES_BY_ID } from '../../../src/diff/rules/index.js';
import { CONTRACT_RULES, CONTRACT_RULES_BY_ID, contractRuleById } from '../../../src/tree/rules/index.js';
import { ALL_RULES, overridableSides } from '../../../src/tree/rules/overridable.js';

const testsDir = new URL('../', import.meta.url);

function testSources(dir: URL): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((e) =>
      e.isDirectory()
        ? testSources(new URL(`${e.name}/`, dir))
        : e.name.endsWith('.test.ts')
          ? readFileSync(new URL(e.name, dir), 'utf8')
          : '',
    )
    .join('\n');
}

const MIRROR: Record<Effect, Effect> = {
  widens: 'narrows',
  narrows: 'widens',
  both: 'both',
  none: 'none',
  unknown: 'unknown',
};

/**
 * Rules whose backwards reading is a broader rule that inverts to itself, not back to them: the rule for the
 * "added" case of something a single "changed" rule covers in every other case (including its removal).
 */
const ONE_WAY: Record<string, string> = {
  'major-retired': 'un-retiring a major is a plain status change (status-changed); it has no rule of its own',
  'deprecation-date-advanced':
    'a date moved later reads as deprecation-changed, which also covers a changed replacement',
  'page-size-default-added':
    'a default no longer declared reads as page-size-default-changed, which also covers a changed default',
  'page-order-added':
    'an order no longer guaranteed reads as page-order-changed, which also covers a changed order',
};

describe('contract rule registry', () => {
  it('ids are unique and kebab-case', () => {
    const ids = CONTRACT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(CONTRACT_RULES_BY_ID.size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('ids are unique across both engines: `rules:` and reports name a rule by id alone', () => {
    for (const r of CONTRACT_RULES)
      expect(RULES_BY_ID.has(r.id), `${r.id} is also a schema rule`).toBe(false);
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every inverse exists, in the same area and on the same side', () => {
    for (const r of CONTRACT_RULES) {
      const inverse = CONTRACT_RULES_BY_ID.get(r.inverse);
      expect(inverse, `inverse of ${r.id}`).toBeDefined();
      expect(inverse?.area, `${r.id} → ${r.inverse}`).toBe(r.area);
      expect(inverse?.direction, `${r.id} → ${r.inverse}`).toBe(r.direction);
    }
  });

  it('inverses invert back and effects mirror (widens ↔ narrows), except the listed one-way rules', () => {
    for (const r of CONTRACT_RULES) {
      if (r.id in ONE_WAY) continue;
      const inverse = contractRuleById(r.inverse);
      expect(inverse.inverse, `inverse of the inverse of ${r.id}`).toBe(r.id);
      expect(inverse.effect, `${r.id} → ${r.inverse}`).toBe(MIRROR[r.effect]);
    }
  });

  it('every listed one-way rule exists, really is one-way, and says why', () => {
    for (const [id, reason] of Object.entries(ONE_WAY)) {
      const r = contractRuleById(id);
      expect(reason.length).toBeGreaterThan(20);
      expect(contractRuleById(r.inverse).inverse, `${id} is listed as one-way but inverts back`).not.toBe(id);
    }
  });

  it('every rule is in a non-schema area, on one side, and says why', () => {
    for (const r of CONTRACT_RULES) {
      expect(['sideEffects', 'operational', 'errors', 'auth', 'meta']).toContain(r.area);
      expect(['input', 'output']).toContain(r.direction);
      expect(overridableSides(r.id)).toEqual([r.direction]);
      expect(r.why.length, r.id).toBeGreaterThan(20);
    }
  });

  it('every rule is exercised by a test table', () => {
    const sources = testSources(testsDir);
    for (const r of CONTRACT_RULES) expect(sources, r.id).toContain(`rule: '${r.id}'`);
  });
});
