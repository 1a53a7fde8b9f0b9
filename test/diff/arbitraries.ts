/**
 * fast-check arbitraries for JSON Schemas, for the classifier's property tests.
 *
 * Every generated schema is well-formed (the resolver must accept it): keyword values have the right types,
 * `type` lists hold no duplicates, patterns compile. It may well be unsatisfiable (`minLength` above
 * `maxLength`, `const` outside `type`), which is the point: the classifier must cope with any valid schema.
 * Values are drawn from small fixed pools so that two independent schemas often share keywords and values,
 * which gives the pair properties (mirror, no-throw) interesting overlaps instead of disjoint noise.
 */
import fc from 'fast-check';
import type { SchemaValue } from '../../src/schema/types.js';

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type SchemaObject = { [key: string]: unknown };

const TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'] as const;
/** Includes an Object.prototype member: property names are data, never looked up on a prototype. */
const NAMES = ['a', 'b', 'c', 'id', 'constructor'] as const;
/** RE2-compatible patterns, plus one lookahead RE2 cannot express (the classifier must call it unknown). */
const PATTERNS = ['^a', 'b$', '^[a-z]+$', '\\d', '^(a|b)*$', '.*', '^x-', '^(?!z)'] as const;
const FORMATS = ['email', 'date-time', 'date', 'uuid', 'uri', 'ipv4'] as const;

/** A small pool of JSON values, so `const`/`enum`/`default` collide often. */
export const jsonValueArb: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(null, true, false, 0, 1, -1, 2.5, 1e308, '', 'a', 'ab', 'abc', 'x-1'),
  fc.constantFrom<JsonValue>([], [1], ['a', 'b'], {}, { a: 1 }, { id: 'x' }),
);

const typeArb: fc.Arbitrary<string | string[]> = fc.oneof(
  fc.constantFrom(...TYPES),
  fc.subarray([...TYPES], { minLength: 1, maxLength: 3 }),
);
const boundArb = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -1.5, 1e308, -1e308));
const countArb = fc.integer({ min: 0, max: 4 });
const namesArb = fc.subarray([...NAMES], { minLength: 0, maxLength: 3 });

/** One keyword/value entry (or a few keywords that belong together, like if/then/else). */
function keywordArb(sub: fc.Arbitrary<SchemaValue>): fc.Arbitrary<SchemaObject> {
  const schemaMap = (keys: readonly string[]): fc.Arbitrary<Record<string, SchemaValue>> =>
    fc.dictionary(fc.constantFrom(...keys), sub, { minKeys: 1, maxKeys: 3 });
  const schemaList = fc.array(sub, { minLength: 1, maxLength: 3 });
  return fc.oneof(
    typeArb.map((type) => ({ type })),
    fc
      .uniqueArray(jsonValueArb, { minLength: 1, maxLength: 4, selector: (v) => JSON.stringify(v) })
      .map((e) => ({
        enum: e,
      })),
    jsonValueArb.map((c) => ({ const: c })),
    fc
      .tuple(fc.constantFrom('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'), boundArb)
      .map(([k, v]) => ({ [k]: v })),
    fc.tuple(fc.constantFrom('minLength', 'maxLength'), countArb).map(([k, v]) => ({ [k]: v })),
    fc.constantFrom(...PATTERNS).map((pattern) => ({ pattern })),
    fc.constantFrom(...FORMATS).map((format) => ({ format })),
    fc.constantFrom(1, 2, 3, 0.5).map((multipleOf) => ({ multipleOf })),
    sub.map((items) => ({ items })),
    fc.array(sub, { minLength: 1, maxLength: 2 }).map((prefixItems) => ({ prefixItems })),
    fc.tuple(fc.constantFrom('minItems', 'maxItems'), countArb).map(([k, v]) => ({ [k]: v })),
    fc.boolean().map((uniqueItems) => ({ uniqueItems })),
    schemaMap(NAMES).map((properties) => ({ properties })),
    namesArb.map((required) => ({ required })),
    fc.oneof(fc.boolean(), sub).map((additionalProperties) => ({ additionalProperties })),
    schemaMap(['^x-', '^[a-z]+$', 'b$']).map((patternProperties) => ({ patternProperties })),
    sub.map((propertyNames) => ({ propertyNames })),
    fc.tuple(fc.constantFrom('minProperties', 'maxProperties'), countArb).map(([k, v]) => ({ [k]: v })),
    fc
      .dictionary(fc.constantFrom(...NAMES), namesArb, { minKeys: 1, maxKeys: 2 })
      .map((dependentRequired) => ({ dependentRequired })),
    schemaList.map((allOf) => ({ allOf })),
    schemaList.map((anyOf) => ({ anyOf })),
    schemaList.map((oneOf) => ({ oneOf })),
    sub.map((not) => ({ not })),
    fc
      .record({ if: sub, then: sub, else: sub }, { requiredKeys: ['if'] })
      .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
    fc.boolean().map((nullable) => ({ nullable })),
    jsonValueArb.map((d) => ({ default: d })),
    fc.boolean().map((readOnly) => ({ readOnly })),
    fc.boolean().map((deprecated) => ({ deprecated })),
  );
}

/**
 * Only the keywords json-schema-diff evaluates (plus annotations it strips), with at most two branches per
 * anyOf/oneOf: schemas the semantic check accepts, so that its answers are exercised too (a schema with any
 * other keyword is ineligible for it and never reaches it).
 */
function eligibleKeywordArb(sub: fc.Arbitrary<SchemaValue>): fc.Arbitrary<SchemaObject> {
  const branches = fc.array(sub, { minLength: 1, maxLength: 2 });
  return fc.oneof(
    typeArb.map((type) => ({ type })),
    fc
      .tuple(fc.constantFrom('minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'), boundArb)
      .map(([k, v]) => ({ [k]: v })),
    fc
      .tuple(
        fc.constantFrom('minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'),
        countArb,
      )
      .map(([k, v]) => ({ [k]: v })),
    sub.map((items) => ({ items })),
    fc
      .dictionary(fc.constantFrom(...NAMES), sub, { minKeys: 1, maxKeys: 2 })
      .map((properties) => ({ properties })),
    namesArb.map((required) => ({ required })),
    fc.oneof(fc.boolean(), sub).map((additionalProperties) => ({ additionalProperties })),
    branches.map((allOf) => ({ allOf })),
    branches.map((anyOf) => ({ anyOf })),
    branches.map((oneOf) => ({ oneOf })),
    sub.map((not) => ({ not })),
    fc.constantFrom({ title: 't' }, { readOnly: true }, { deprecated: true }),
  );
}

/** Leaves: boolean schemas, `{}`, a bare type, a const. */
const leafArb: fc.Arbitrary<SchemaValue> = fc.oneof(
  fc.boolean(),
  fc.constant({}),
  typeArb.map((type) => ({ type })),
  jsonValueArb.map((c) => ({ const: c })),
);
const eligibleLeafArb: fc.Arbitrary<SchemaValue> = fc.oneof(
  fc.boolean(),
  fc.constant({}),
  typeArb.map((type) => ({ type })),
);

export interface SchemaArbOptions {
  /** Nesting limit of subschemas (fast-check's `maxDepth` on the recursive `oneof`). Default 3. */
  maxDepth?: number;
  /** Only keywords the semantic check (json-schema-diff) accepts. Default false: every keyword. */
  eligibleOnly?: boolean;
}

/** A JSON Schema: a leaf, or an object of 1–4 keyword entries whose subschemas are again schemas. */
export function schemaArb({
  maxDepth = 3,
  eligibleOnly = false,
}: SchemaArbOptions = {}): fc.Arbitrary<SchemaValue> {
  const keywords = eligibleOnly ? eligibleKeywordArb : keywordArb;
  const leaf = eligibleOnly ? eligibleLeafArb : leafArb;
  const { schema } = fc.letrec<{ schema: SchemaValue; node: SchemaValue }>((tie) => ({
    schema: fc.oneof(
      { maxDepth, depthIdentifier: 'schema', withCrossShrink: true },
      { arbitrary: leaf, weight: 1 },
      // Weighted towards keyword objects: leaves alone make for trivial pairs.
      { arbitrary: tie('node'), weight: 3 },
    ),
    node: fc
      .array(keywords(tie('schema')), { minLength: 1, maxLength: eligibleOnly ? 3 : 4 })
      .map((entries): SchemaValue => Object.assign({}, ...entries) as SchemaObject),
  }));
  return schema;
}

function isObject(s: SchemaValue): s is SchemaObject {
  return typeof s === 'object';
}

/**
 * Pairs (old, new), from both families (every keyword; only semantic-check keywords): half independent, half
 * `new` derived from `old` by one edit (drop a keyword, add the keywords of another schema, wrap in
 * anyOf/allOf with another schema, double negation, or swap), so that related schemas — the case a real diff
 * sees — are well represented.
 */
export function schemaPairArb(maxDepth = 3): fc.Arbitrary<[SchemaValue, SchemaValue]> {
  return fc.oneof(pairsOf(schemaArb({ maxDepth })), pairsOf(schemaArb({ maxDepth, eligibleOnly: true })));
}

function pairsOf(s: fc.Arbitrary<SchemaValue>): fc.Arbitrary<[SchemaValue, SchemaValue]> {
  const edited = fc
    .tuple(s, s, fc.nat(), fc.constantFrom('drop', 'merge', 'anyOf', 'allOf', 'not', 'swap'))
    .map(([a, other, n, edit]): [SchemaValue, SchemaValue] => {
      switch (edit) {
        case 'drop': {
          if (!isObject(a)) return [a, !a];
          const keys = Object.keys(a);
          const drop = keys[n % Math.max(keys.length, 1)];
          return [a, Object.fromEntries(Object.entries(a).filter(([k]) => k !== drop))];
        }
        case 'merge':
          return [a, isObject(a) && isObject(other) ? { ...a, ...other } : other];
        case 'anyOf':
          return [a, { anyOf: [a, other] }];
        case 'allOf':
          return [a, { allOf: [a, other] }];
        case 'not':
          return [a, { not: { not: a } }];
        default:
          return [other, a];
      }
    });
  return fc.oneof(fc.tuple(s, s), edited);
}

/**
 * Instances for generated schemas: JSON values drawn from the same pools the schemas use (property names,
 * bounds, strings that do or do not match the patterns, one value per format), nested up to `maxDepth`, so
 * that an instance often meets a generated schema's keywords instead of failing at its root.
 */
export function instanceArb(maxDepth = 3): fc.Arbitrary<JsonValue> {
  const scalar = fc.oneof(
    jsonValueArb,
    boundArb,
    fc.constantFrom<JsonValue>(0.5, 1.5, 3, 4, -5, 'b', 'ba', 'aab', 'z', '1', 'x-', 'constructor'),
    fc.constantFrom<JsonValue>(
      'a@b.io',
      '2020-01-01T00:00:00Z',
      '2020-01-01',
      '123e4567-e89b-12d3-a456-426614174000',
      'https://a.io/x',
      '192.168.0.1',
    ),
  );
  const { value } = fc.letrec<{ value: JsonValue }>((tie) => ({
    value: fc.oneof(
      { maxDepth, depthIdentifier: 'instance', withCrossShrink: true },
      { arbitrary: scalar, weight: 2 },
      { arbitrary: fc.array(tie('value'), { maxLength: 4 }), weight: 1 },
      {
        arbitrary: fc.dictionary(fc.constantFrom(...NAMES, 'x-1', 'ab', 'extra'), tie('value'), {
          maxKeys: 4,
          noNullPrototype: true,
        }),
        weight: 2,
      },
    ),
  }));
  return value;
}
