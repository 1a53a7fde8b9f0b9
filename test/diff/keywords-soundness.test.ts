/**
 * Soundness of the 2019-09/2020-12 keywords and their draft-07 spellings as set operations: generated schema
 * pairs built from unevaluatedProperties/unevaluatedItems, allOf/anyOf/oneOf parts, dependentRequired /
 * dependentSchemas / dependencies, propertyNames, contains with minContains/maxContains, prefixItems and
 * draft-07 tuples with additionalItems, and if/then/else. Whenever strict semantics says a direction is
 * `none` or `additive`, no instance of a fixed, enumerated set may contradict it, as judged by ajv:
 * input, nothing valid before is invalid now; output, nothing valid now was invalid before.
 *
 * One exclusion, an ajv 8 quirk rather than the specification: with `contains` beside a tuple (`prefixItems`
 * or a draft-07 `items` array) ajv does not check `contains` on an array shorter than the tuple (it accepts
 * `[1]` for `{contains: {type: string}, prefixItems: [{}, {}]}`), so for such pairs only arrays at least as
 * long as the longest generated tuple (2) are used as witnesses.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { diff } from '../../src/diff/index.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import type { Direction } from '../../src/diff/types.js';

/** Pairs per family in CI; KEYWORD_RUNS=5000 for a longer hunt. */
const NUM_RUNS = Number(process.env.KEYWORD_RUNS ?? 100);
const TEST_TIMEOUT_MS = 120_000;
const DRAFT_2020 = 'https://json-schema.org/draft/2020-12/schema';
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

type Schema = boolean | Record<string, unknown>;

const NAMES = ['a', 'b', 'c'] as const;
/** The longest tuple the arbitraries generate. */
const MAX_TUPLE = 2;
const VALUES = [1, 'x', 'yy', null] as const;

const leafArb: fc.Arbitrary<Schema> = fc.constantFrom<Schema>(
  { type: 'string' },
  { type: 'integer' },
  {},
  { const: 'x' },
  { type: ['string', 'integer'] },
  false,
);
const nameArb = fc.constantFrom(...NAMES);
const propsArb = fc.dictionary(nameArb, leafArb, { maxKeys: 3 });
const requiredArb = fc.subarray([...NAMES], { minLength: 1 });
const conditionArb = fc.constantFrom<Schema>(
  { required: ['a'] },
  { required: ['b'] },
  { properties: { a: { const: 'x' } }, required: ['a'] },
  true,
  false,
);
const branchArb: fc.Arbitrary<Schema> = fc.oneof(
  requiredArb.map((required) => ({ required })),
  propsArb.map((properties) => ({ properties })),
  fc.constant(false),
);

/** Objects: every keyword optional, so that pairs differ in which keywords they have. */
function objectArb(dialect: 'draft-07' | '2020-12'): fc.Arbitrary<Record<string, unknown>> {
  const part = fc.record(
    { properties: propsArb, required: requiredArb, additionalProperties: leafArb },
    { requiredKeys: [] },
  );
  const common = {
    properties: propsArb,
    required: requiredArb,
    additionalProperties: fc.constantFrom<Schema>(false, { type: 'integer' }),
    allOf: fc.tuple(part).map((p) => [...p]),
    anyOf: fc.tuple(part, part).map((p) => [...p]),
    oneOf: fc.tuple(part, part).map((p) => [...p]),
    propertyNames: fc.constantFrom<Schema>(
      false,
      { maxLength: 0 },
      { enum: ['a', 'b'] },
      { pattern: '^[ab]$' },
    ),
    if: conditionArb,
    then: branchArb,
    else: branchArb,
  };
  const dependencies = fc.tuple(
    nameArb,
    fc.oneof(requiredArb, fc.record({ properties: propsArb, required: requiredArb }), fc.constant(false)),
  );
  const keywords: fc.Arbitrary<Record<string, unknown>> =
    dialect === '2020-12'
      ? fc.record(
          {
            ...common,
            unevaluatedProperties: fc.constantFrom<Schema>(false, { type: 'string' }, {}),
            dependentRequired: fc.tuple(nameArb, requiredArb).map(([n, r]) => ({ [n]: r })),
            dependentSchemas: fc
              .tuple(nameArb, fc.record({ properties: propsArb, required: requiredArb }))
              .map(([n, s]) => ({ [n]: s })),
          },
          { requiredKeys: [] },
        )
      : fc.record(
          { ...common, dependencies: dependencies.map(([n, d]) => ({ [n]: d })) },
          { requiredKeys: [] },
        );
  return keywords.map((s) => ({ type: 'object', ...s }));
}

/** Arrays: tuples in the dialect's spelling, contains with its bounds, unevaluatedItems (2020-12). */
function arrayArb(dialect: 'draft-07' | '2020-12'): fc.Arbitrary<Record<string, unknown>> {
  const tuple = fc.array(leafArb, { minLength: 1, maxLength: MAX_TUPLE });
  const common = {
    contains: leafArb,
    maxItems: fc.constantFrom(1, 2, 3),
  };
  const keywords: fc.Arbitrary<Record<string, unknown>> =
    dialect === '2020-12'
      ? fc.record(
          {
            ...common,
            prefixItems: tuple,
            items: leafArb,
            minContains: fc.constantFrom(0, 1, 2),
            maxContains: fc.constantFrom(0, 1, 2),
            unevaluatedItems: fc.constantFrom<Schema>(false, { type: 'string' }, {}),
            allOf: tuple.map((prefixItems) => [{ prefixItems }]),
          },
          { requiredKeys: [] },
        )
      : fc.record(
          {
            ...common,
            items: fc.oneof(tuple, leafArb),
            additionalItems: leafArb,
            allOf: tuple.map((items) => [{ items }]),
          },
          { requiredKeys: [] },
        );
  return keywords.map((s) => ({ type: 'array', ...s }));
}

/** A schema and a variant with some of its keywords replaced by (or removed as in) another schema. */
function pairArb(
  arb: fc.Arbitrary<Record<string, unknown>>,
  header: string,
): fc.Arbitrary<[Record<string, unknown>, Record<string, unknown>]> {
  return fc.tuple(arb, arb, fc.integer({ min: 1, max: 2 }), fc.nat()).map(([a, b, count, at]) => {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'type').sort();
    const next: Record<string, unknown> = { ...a };
    for (let i = 0; i < count && keys.length; i++) {
      const k = keys[(at + i * 7) % keys.length] as string;
      if (k in b) next[k] = b[k];
      else delete next[k];
    }
    return [
      { $schema: header, ...a },
      { $schema: header, ...next },
    ];
  });
}

/** Objects over every subset of a, b, c and one undeclared name, with rotating values. */
const OBJECTS: Record<string, unknown>[] = [];
for (let mask = 0; mask < 16; mask++) {
  for (let variant = 0; variant < VALUES.length; variant++) {
    const o: Record<string, unknown> = {};
    ['a', 'b', 'c', 'z'].forEach((name, i) => {
      if (mask & (1 << i)) o[name] = VALUES[(i + variant) % VALUES.length];
    });
    OBJECTS.push(o);
  }
}

/** Arrays of length 0 to 3 over the same values, every combination up to length 2 and a few of length 3. */
const ARRAYS: unknown[][] = [[]];
for (const x of VALUES) {
  ARRAYS.push([x]);
  for (const y of VALUES) {
    ARRAYS.push([x, y]);
    ARRAYS.push([x, y, VALUES[(VALUES.indexOf(x) + 1) % VALUES.length]]);
  }
}

function tupleWithContains(...schemas: Record<string, unknown>[]): boolean {
  const text = JSON.stringify(schemas);
  return text.includes('"contains"') && (text.includes('"prefixItems"') || text.includes('"items":['));
}

/** The first instance that contradicts a `none`/`additive` verdict for the direction, if any. */
async function contradiction(
  oldSchema: Record<string, unknown>,
  newSchema: Record<string, unknown>,
  instances: readonly unknown[],
  compile: (schema: Record<string, unknown>) => ValidateFunction,
): Promise<string | undefined> {
  const before = compile(oldSchema);
  const after = compile(newSchema);
  const pool = tupleWithContains(oldSchema, newSchema)
    ? instances.filter((x) => !(Array.isArray(x) && x.length < MAX_TUPLE))
    : instances;
  for (const direction of ['input', 'output'] as Direction[]) {
    const result = await diff(oldSchema, newSchema, { direction, semantics: 'strict' });
    if (result.verdict !== 'none' && result.verdict !== 'additive') continue;
    const witness = pool.find((x) =>
      direction === 'input' ? before(x) && !after(x) : after(x) && !before(x),
    );
    if (witness !== undefined) {
      return `${direction} ${result.verdict}, yet ${JSON.stringify(witness)} says otherwise; old ${JSON.stringify(oldSchema)}, new ${JSON.stringify(newSchema)}`;
    }
  }
  return undefined;
}

afterAll(async () => {
  await shutdownSemanticWorker();
});

describe('keywords as set operations: strict none/additive verdicts are never contradicted by ajv', () => {
  const ajv2020 = new Ajv2020({ strict: false, validateSchema: false });
  const ajv07 = new Ajv({ strict: false, validateSchema: false });
  const families = [
    {
      name: '2020-12 objects',
      arb: pairArb(objectArb('2020-12'), DRAFT_2020),
      instances: OBJECTS,
      ajv: ajv2020,
    },
    {
      name: '2020-12 arrays',
      arb: pairArb(arrayArb('2020-12'), DRAFT_2020),
      instances: ARRAYS,
      ajv: ajv2020,
    },
    {
      name: 'draft-07 objects',
      arb: pairArb(objectArb('draft-07'), DRAFT_07),
      instances: OBJECTS,
      ajv: ajv07,
    },
    { name: 'draft-07 arrays', arb: pairArb(arrayArb('draft-07'), DRAFT_07), instances: ARRAYS, ajv: ajv07 },
  ];
  for (const family of families) {
    it(
      family.name,
      async () => {
        await fc.assert(
          fc.asyncProperty(family.arb, async ([oldSchema, newSchema]) => {
            const compile = (s: Record<string, unknown>) => family.ajv.compile(s);
            expect(await contradiction(oldSchema, newSchema, family.instances, compile)).toBeUndefined();
          }),
          { numRuns: NUM_RUNS },
        );
      },
      TEST_TIMEOUT_MS,
    );
  }
});
