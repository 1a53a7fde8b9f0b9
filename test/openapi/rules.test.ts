/** The OpenAPI rule registry: ids unique across every engine, inverses that mirror, every rule tested, docs current. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

import { RULES_BY_ID } from '../../src/diff/rules/index.js';
import { OPENAPI_RULES, OPENAPI_RULES_BY_ID, withOpenApiRuleTable } from '../../src/openapi/rules.js';
import { CONTRACT_RULES_BY_ID } from '../../src/tree/rules/index.js';

const here = new URL('./', import.meta.url);

describe('OpenAPI rules', () => {
  test('ids are kebab-case, unique, and not the id of a schema or contract rule', () => {
    expect(OPENAPI_RULES_BY_ID.size).toBe(OPENAPI_RULES.length);
    for (const r of OPENAPI_RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(RULES_BY_ID.has(r.id), r.id).toBe(false);
      expect(CONTRACT_RULES_BY_ID.has(r.id), r.id).toBe(false);
    }
  });

  test('every inverse exists, mirrors back, and is judged on the same side', () => {
    for (const r of OPENAPI_RULES) {
      const inverse = OPENAPI_RULES_BY_ID.get(r.inverse);
      expect(inverse, r.id).toBeDefined();
      expect(inverse?.inverse, r.id).toBe(r.id);
      expect(inverse?.direction, r.id).toBe(r.direction);
    }
  });

  test('every rule is exercised by a test', () => {
    const tests = readdirSync(here)
      .filter((f) => f.endsWith('.test.ts') && f !== 'rules.test.ts')
      .map((f) => readFileSync(new URL(f, here), 'utf8'))
      .join('\n');
    for (const r of OPENAPI_RULES) expect(tests.includes(`'${r.id}'`), r.id).toBe(true);
  });

  test('docs/openapi.md holds the current catalogue (`npm run docs` writes it)', () => {
    const docs = readFileSync(new URL('../../docs/openapi.md', import.meta.url), 'utf8');
    expect(withOpenApiRuleTable(docs)).toBe(docs);
  });
});
