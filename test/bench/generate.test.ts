import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  COMBINATOR_BRANCHES,
  countLeafProperties,
  countProperties,
  generateAll,
  generateCombinator,
  generateFlat,
  generateLarge,
  generateRecursive,
  generateSmall,
  FLAT_CHANGES,
  FLAT_PROPERTIES,
  LARGE_CHANGES,
  mulberry32,
  RECURSIVE_FIELDS,
  type JsonObject,
  type SchemaPair,
} from '../../bench/generate.js';

const generators: Record<string, (seed?: number) => SchemaPair> = {
  small: generateSmall,
  large: generateLarge,
  combinator: generateCombinator,
  recursive: generateRecursive,
};

function topLevel(schema: JsonObject): string[] {
  return Object.keys(schema.properties as JsonObject);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bench generators', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBeGreaterThan(990);
  });

  it.each(Object.entries(generators))('%s is deterministic and never uses Math.random', (_name, generate) => {
    const random = vi.spyOn(Math, 'random');
    const first = generate();
    const second = generate();
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(generate(99))).toBe(JSON.stringify(generate(99)));
    expect(random).not.toHaveBeenCalled();
  });

  it.each(Object.entries(generators))(
    '%s produces a pair that differs, with its changes listed',
    (_name, generate) => {
      const pair = generate();
      expect(JSON.stringify(pair.newSchema)).not.toBe(JSON.stringify(pair.oldSchema));
      expect(pair.changes.length).toBeGreaterThanOrEqual(3);
    },
  );

  it('small: 20 mixed properties; one added, one enum value added, one maxLength lowered', () => {
    const { oldSchema, newSchema, changes } = generateSmall();
    expect(topLevel(oldSchema)).toHaveLength(20);
    expect(topLevel(newSchema)).toHaveLength(21);
    const types = new Set(
      Object.values(oldSchema.properties as JsonObject).map((p) => (p as JsonObject).type),
    );
    expect(types.size).toBeGreaterThanOrEqual(5);
    expect(changes).toHaveLength(3);
    const oldName = (oldSchema.properties as JsonObject).name as JsonObject;
    const newName = (newSchema.properties as JsonObject).name as JsonObject;
    expect(newName.maxLength).toBeLessThan(oldName.maxLength as number);
    const status = (s: JsonObject): unknown[] =>
      ((s.properties as JsonObject).status as JsonObject).enum as unknown[];
    expect(status(newSchema)).toEqual([...status(oldSchema), 'archived']);
  });

  it('large: 2,000 leaf properties nested 4 deep, with ~10 changes', () => {
    const { oldSchema, newSchema, changes } = generateLarge();
    expect(countLeafProperties(oldSchema)).toBe(2000);
    expect(countProperties(oldSchema)).toBe(2110);
    expect(changes).toHaveLength(LARGE_CHANGES);
    // Two removals and two additions: the leaf count is unchanged, the entries differ.
    expect(countLeafProperties(newSchema)).toBe(2000);
    const g0 = (oldSchema.properties as JsonObject).g0 as JsonObject;
    const s0 = (g0.properties as JsonObject).s0 as JsonObject;
    const f0 = (s0.properties as JsonObject).f0 as JsonObject;
    expect(f0.properties).toBeUndefined(); // depth: root → group → section → leaf
  });

  it('large: different seeds scatter the changes differently', () => {
    expect(generateLarge(7).changes).not.toEqual(generateLarge(8).changes);
  });

  it('flat: 400 leaf properties in one object, deterministic, with the changes it lists', () => {
    const random = vi.spyOn(Math, 'random');
    const { oldSchema, newSchema, changes } = generateFlat();
    expect(JSON.stringify(generateFlat())).toBe(JSON.stringify(generateFlat()));
    expect(random).not.toHaveBeenCalled();
    expect(topLevel(oldSchema)).toHaveLength(FLAT_PROPERTIES);
    expect(countLeafProperties(oldSchema)).toBe(FLAT_PROPERTIES);
    expect(changes).toHaveLength(FLAT_CHANGES);
    expect(changes[0]).toMatch(/^\/properties\/p\d+: /);
    expect(JSON.stringify(newSchema)).not.toBe(JSON.stringify(oldSchema));
    expect(generateFlat(6).changes).not.toEqual(changes);
  });

  it('combinator: anyOf of 20 branches with distinct kind consts', () => {
    const { oldSchema, newSchema } = generateCombinator();
    const branches = oldSchema.anyOf as JsonObject[];
    expect(branches).toHaveLength(COMBINATOR_BRANCHES);
    const kinds = branches.map((b) => ((b.properties as JsonObject).kind as JsonObject).const);
    expect(new Set(kinds).size).toBe(COMBINATOR_BRANCHES);
    const changed = (newSchema.anyOf as JsonObject[]).filter(
      (b, i) => JSON.stringify(b) !== JSON.stringify(branches[i]),
    );
    expect(changed).toHaveLength(3);
  });

  it('recursive: a tree node with 15 fields and children → $ref #', () => {
    const { oldSchema, newSchema } = generateRecursive();
    const props = oldSchema.properties as JsonObject;
    expect(topLevel(oldSchema)).toHaveLength(RECURSIVE_FIELDS + 1);
    expect(props.children).toMatchObject({ type: 'array', items: { $ref: '#' } });
    expect(topLevel(newSchema)).toHaveLength(RECURSIVE_FIELDS + 2);
  });

  it('generateAll returns the four classes in order', () => {
    expect(generateAll().map((p) => p.name)).toEqual(['small', 'large', 'combinator', 'recursive']);
  });
});
