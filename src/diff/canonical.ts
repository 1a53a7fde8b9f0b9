/**
 * The canonical schema form the walker compares. It is still a JSON Schema (2020-12 vocabulary, so the
 * semantic check can consume it), but each meaning has one spelling: `const` is a one-value `enum`,
 * `type` is a sorted list, draft-04 boolean exclusives and draft-07 tuple `items` are rewritten,
 * `nullable` is folded into `type`, mergeable `allOf` parts are merged, anyOf-of-types is a type list,
 * annotations without meaning are dropped, and an unsatisfiable schema is `false`.
 */
import type { Json } from '../schema/types.js';

export type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';
export const ALL_TYPES: readonly JsonType[] = [
  'array',
  'boolean',
  'integer',
  'null',
  'number',
  'object',
  'string',
];

/** A canonical schema: `false` accepts nothing; an object with no keywords accepts everything. */
export type CSchema = false | CObject;

export interface CObject {
  type?: JsonType[];
  enum?: Json[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  contentEncoding?: string;
  contentMediaType?: string;
  prefixItems?: CSchema[];
  items?: CSchema;
  contains?: CSchema;
  minContains?: number;
  maxContains?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: true;
  unevaluatedItems?: CSchema;
  properties?: Record<string, CSchema>;
  patternProperties?: Record<string, CSchema>;
  additionalProperties?: CSchema;
  unevaluatedProperties?: CSchema;
  required?: string[];
  propertyNames?: CSchema;
  minProperties?: number;
  maxProperties?: number;
  dependentRequired?: Record<string, string[]>;
  dependentSchemas?: Record<string, CSchema>;
  allOf?: CSchema[];
  anyOf?: CSchema[];
  oneOf?: CSchema[];
  not?: CSchema;
  if?: CSchema;
  then?: CSchema;
  else?: CSchema;
  default?: Json;
  readOnly?: true;
  writeOnly?: true;
  deprecated?: true;
  /** Keywords the engine does not understand, kept verbatim so a change to them is reported, never ignored. */
  unknown?: Record<string, Json>;
  /**
   * Numbers above as the file wrote them, where a double does not hold them exactly (integers beyond 2^53):
   * keyword → number (`maximum`), or `enum/<value as read>` → that value as written. Two schemas whose
   * numbers read the same but were written differently then differ, and rules/numeric.ts says so.
   */
  written?: Record<string, string>;
}

/** Keywords whose value is one schema. */
export const SINGLE_SCHEMA_KEYWORDS = [
  'items',
  'contains',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
] as const;
/** Keywords whose value is an array of schemas. */
export const SCHEMA_LIST_KEYWORDS = ['prefixItems', 'allOf', 'anyOf', 'oneOf'] as const;
/** Keywords whose value maps names to schemas. */
export const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'dependentSchemas'] as const;

/** Every direct sub-schema of a canonical node, with its relative pointer. */
export function* children(node: CSchema): Generator<[string, CSchema]> {
  if (node === false) return;
  for (const k of SINGLE_SCHEMA_KEYWORDS) {
    const v = node[k];
    if (v !== undefined) yield [`/${k}`, v];
  }
  for (const k of SCHEMA_LIST_KEYWORDS) {
    const v = node[k];
    if (v) for (let i = 0; i < v.length; i++) yield [`/${k}/${i}`, v[i] as CSchema];
  }
  for (const k of SCHEMA_MAP_KEYWORDS) {
    const v = node[k];
    if (v) for (const name of Object.keys(v)) yield [`/${k}/${escapePointer(name)}`, v[name] as CSchema];
  }
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * A dictionary keyed by names from untrusted files: no prototype, so `toString`, `constructor` or
 * `__proto__` are ordinary keys, never inherited members or a prototype swap.
 */
export function dict<T>(entries?: Iterable<readonly [string, T]>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const [k, v] of entries) out[k] = v;
  return out;
}

/** The JSON type of a value, distinguishing integers (as JSON Schema does). */
export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}

/** Stable JSON text of a value with sorted keys; used to compare enum values and defaults by meaning. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(obj[k])}`)
    .join(',')}}`;
}

const keyCache = new WeakMap<object, string>();

/**
 * A string equal for two canonical schemas with the same structure. Recursive graphs are keyed with
 * relative back-references (`{"$cycle":n}` = the n-th enclosing node), so two copies of the same recursive
 * type get the same key. Keys of nodes that do not reach outside themselves are cached.
 */
export function canonicalKey(node: CSchema): string {
  return keyOf(node, []).key;
}

function keyOf(node: CSchema, stack: object[]): { key: string; reachesUp: number } {
  if (node === false) return { key: 'false', reachesUp: Infinity };
  const cached = keyCache.get(node);
  if (cached !== undefined) return { key: cached, reachesUp: Infinity };
  const at = stack.lastIndexOf(node);
  if (at >= 0) return { key: `{"$cycle":${stack.length - at}}`, reachesUp: at };
  stack.push(node);
  const depth = stack.length - 1;
  let reachesUp = Infinity;
  const parts: string[] = [];
  for (const k of Object.keys(node).sort()) {
    const v = (node as Record<string, unknown>)[k];
    if (v === undefined) continue;
    let text: string;
    if ((SINGLE_SCHEMA_KEYWORDS as readonly string[]).includes(k)) {
      const r = keyOf(v as CSchema, stack);
      reachesUp = Math.min(reachesUp, r.reachesUp);
      text = r.key;
    } else if ((SCHEMA_LIST_KEYWORDS as readonly string[]).includes(k)) {
      const items = (v as CSchema[]).map((c) => keyOf(c, stack));
      for (const r of items) reachesUp = Math.min(reachesUp, r.reachesUp);
      const keys = items.map((r) => r.key);
      // Branch order carries no meaning in anyOf/oneOf/allOf; it does in prefixItems.
      if (k !== 'prefixItems') keys.sort();
      text = `[${keys.join(',')}]`;
    } else if ((SCHEMA_MAP_KEYWORDS as readonly string[]).includes(k)) {
      const map = v as Record<string, CSchema>;
      const entries = Object.keys(map)
        .sort()
        .map((name) => {
          const r = keyOf(map[name] as CSchema, stack);
          reachesUp = Math.min(reachesUp, r.reachesUp);
          return `${JSON.stringify(name)}:${r.key}`;
        });
      text = `{${entries.join(',')}}`;
    } else {
      text = stableJson(v);
    }
    parts.push(`${JSON.stringify(k)}:${text}`);
  }
  stack.pop();
  const key = `{${parts.join(',')}}`;
  if (reachesUp >= depth) keyCache.set(node, key);
  return { key, reachesUp: reachesUp >= depth ? Infinity : reachesUp };
}

/**
 * Structural equality of two canonical schemas without building keys: exits at the first difference and
 * allocates nothing on the way, which matters because the walker asks it at every level. Cycles are
 * compared co-inductively (a pair already under comparison is assumed equal).
 */
export function sameSchema(a: CSchema, b: CSchema, assumed = new Map<object, Set<object>>()): boolean {
  if (a === b) return true;
  if (a === false || b === false) return false;
  let seen = assumed.get(a);
  if (seen?.has(b)) return true;
  if (!seen) assumed.set(a, (seen = new Set()));
  seen.add(b);
  const keysA = definedKeys(a);
  if (keysA.length !== definedKeys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of keysA) {
    const va = ra[k];
    const vb = rb[k];
    if (vb === undefined) return false;
    if ((SINGLE_SCHEMA_KEYWORDS as readonly string[]).includes(k)) {
      if (!sameSchema(va as CSchema, vb as CSchema, assumed)) return false;
    } else if ((SCHEMA_LIST_KEYWORDS as readonly string[]).includes(k)) {
      const la = va as CSchema[];
      const lb = vb as CSchema[];
      if (la.length !== lb.length) return false;
      if (la.every((x, i) => sameSchema(x, lb[i] as CSchema, assumed))) continue;
      // Branch order carries no meaning in unions and allOf: compare them as multisets.
      if (k === 'prefixItems') return false;
      const keys = (l: CSchema[]) => l.map(canonicalKey).sort().join('\u0000');
      if (keys(la) !== keys(lb)) return false;
    } else if ((SCHEMA_MAP_KEYWORDS as readonly string[]).includes(k)) {
      const ma = va as Record<string, CSchema>;
      const mb = vb as Record<string, CSchema>;
      const names = Object.keys(ma);
      if (names.length !== Object.keys(mb).length) return false;
      for (const name of names) {
        const other = Object.hasOwn(mb, name) ? mb[name] : undefined;
        if (other === undefined || !sameSchema(ma[name] as CSchema, other, assumed)) return false;
      }
    } else if (va !== vb && stableJson(va) !== stableJson(vb)) {
      return false;
    }
  }
  return true;
}

function definedKeys(o: object): string[] {
  return Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
}
