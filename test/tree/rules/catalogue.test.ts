import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contractRuleSection, renderRuleCatalogue } from '../../../src/tree/rules/catalogue.js';

describe('rule catalogue (docs/rules.md)', () => {
  it('is generated from both registries (run `npm run docs` when this fails)', () => {
    const committed = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    expect(committed).toBe(renderRuleCatalogue());
  });

  it('has a section per engine, schema rules first', () => {
    const doc = renderRuleCatalogue();
    expect(doc.indexOf('\n## Schema rules\n')).toBeGreaterThan(0);
    expect(doc.indexOf('\n## Contract rules\n')).toBeGreaterThan(doc.indexOf('\n## Schema rules\n'));
  });

  it("states a contract rule's default on the side it is judged on, and — on the other", () => {
    const rows = new Map(contractRuleSection().rows.map((r) => [r.id, r.cells]));
    expect(rows.get('timeout-increased')).toEqual(['operational', 'widens', 'dangerous', '—']);
    expect(rows.get('error-code-removed')).toEqual(['errors', 'both', '—', 'breaking']);
  });
});
