/**
 * Documents shaped like the real world, each pair labelled with its expected verdict and why: a FastAPI-style
 * 3.1 `openapi.json` (Pydantic models under components/schemas, `anyOf` with null for optionals,
 * HTTPValidationError responses) and the OpenAPI 3.0 petstore with `nullable`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

import { diffOpenApi } from '../../src/openapi/compare.js';
import { loadOpenApi } from '../../src/openapi/read.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

async function compare(dir: string, oldName: string, newName: string) {
  const root = join(FIXTURES, dir);
  return diffOpenApi(loadOpenApi(join(root, oldName), { root }), loadOpenApi(join(root, newName), { root }));
}

const summary = (changes: { rule: string; severity: string; operation: string }[]): string[] =>
  changes.map((c) => `${c.severity} ${c.operation} ${c.rule}`);

describe('real-world-shaped pairs', () => {
  test('FastAPI 3.1: path parameter renamed (no change), a required query parameter, a shorter name, a field no longer guaranteed → breaking', async () => {
    const result = await compare('fastapi', 'old.json', 'new.json');
    expect(result.verdict).toBe('breaking');
    expect(summary(result.changes)).toEqual([
      'additive GET /customers operation-added',
      'breaking GET /customers/{id} required-parameter-added',
      'breaking GET /customers/{id} required-removed',
      'breaking POST /customers max-length-decreased',
      'additive POST /customers property-added',
      'breaking POST /customers required-removed',
    ]);
  });

  test('FastAPI 3.1 read backwards: the mirror changes', async () => {
    const result = await compare('fastapi', 'new.json', 'old.json');
    expect(summary(result.changes)).toEqual([
      'breaking GET /customers operation-removed',
      'dangerous POST /customers property-removed',
      'additive POST /customers max-length-increased',
      'additive POST /customers required-added',
      'dangerous GET /customers/{customer_id} required-parameter-removed',
      'additive GET /customers/{customer_id} required-added',
    ]);
  });

  test('FastAPI 3.1 against itself: nothing', async () => {
    expect(await compare('fastapi', 'old.json', 'old.json')).toEqual({ verdict: 'none', changes: [] });
  });

  test('petstore 3.0: an enum now nullable in a response, a header renamed, an operation deprecated with a sunset → breaking', async () => {
    const result = await compare('petstore30', 'old.yaml', 'new.yaml');
    expect(result.verdict).toBe('breaking');
    expect(summary(result.changes)).toEqual([
      'breaking GET /pets enum-value-added',
      'additive GET /pets type-removed',
      'dangerous GET /pets optional-response-header-removed',
      'additive GET /pets optional-response-header-added',
      'breaking GET /pets/{petId} enum-value-added',
      'additive GET /pets/{petId} type-removed',
      'none DELETE /pets/{petId} operation-deprecated',
      'dangerous DELETE /pets/{petId} sunset-brought-forward',
    ]);
  });
});
