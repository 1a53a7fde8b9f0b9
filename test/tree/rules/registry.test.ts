/** Invariants of the contract rule table: ids, areas, documentation, tests, and the catalogue in docs. */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../../../src/diff/rules/index.js';
import { renderContractRuleCatalogue, withCatalogue } from '../../../src/tree/rules/catalogue.js';
import { CONTRACT_RULES, CONTRACT_RULES_BY_ID } from '../../../src/tree/rules/index.js';

const testsDir = new URL('../', import.meta.url);
const docs = new URL('../../../docs/policy.md', import.meta.url);

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

describe('contract rule registry', () => {
  it('ids are unique, kebab-case, and distinct from schema rule ids', () => {
    const ids = CONTRACT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(CONTRACT_RULES_BY_ID.size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(RULES_BY_ID.has(id), `${id} is also a schema rule`).toBe(false);
    }
  });

  it('every rule is in a non-schema area and says why', () => {
    for (const r of CONTRACT_RULES) {
      expect(['sideEffects', 'operational', 'errors', 'auth', 'meta']).toContain(r.area);
      expect(r.why.length, r.id).toBeGreaterThan(20);
    }
  });

  it('every rule is exercised by a test table', () => {
    const sources = testSources(testsDir);
    for (const r of CONTRACT_RULES) expect(sources, r.id).toContain(`rule: '${r.id}'`);
  });

  it('docs/policy.md carries the current catalogue (run `npm run docs` when this fails)', () => {
    const committed = readFileSync(docs, 'utf8');
    expect(committed).toBe(withCatalogue(committed));
    expect(committed).toContain(renderContractRuleCatalogue());
  });
});
