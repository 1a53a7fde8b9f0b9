/**
 * Conjunction of canonical schemas: folding an `allOf` part into its parent, so that an object split into
 * `allOf` parts compares equal to the same object written in one piece. A merge either succeeds with
 * exactly the meaning of the conjunction, or refuses (returns false) and leaves the target untouched;
 * refused parts stay in `allOf` and the walker compares them as parts.
 */
import { type CObject, type CSchema, dict, stableJson } from './canonical.js';
import { canonicalTypes, tighter, typeIntersection } from './algebra.js';

type Bound = { value: number; exclusive: boolean };

export function mergeInto(target: CObject, part: CObject): boolean {
  const next: CObject = { ...target };
  if (!apply(next, part)) return false;
  for (const k of Object.keys(target)) delete (target as Record<string, unknown>)[k];
  Object.assign(target, next);
  return true;
}

const OBJECT_SHAPE = [
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
] as const;
const CLOSING = [
  'additionalProperties',
  'patternProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
] as const;

function apply(t: CObject, p: CObject): boolean {
  // additionalProperties/patternProperties judge properties declared in the SAME schema object, so two
  // parts that both shape the object cannot be merged without changing which properties count as "additional".
  const shapes = (s: CObject) => OBJECT_SHAPE.some((k) => s[k] !== undefined);
  const closes = (s: CObject) => CLOSING.some((k) => s[k] !== undefined);
  if ((closes(t) && shapes(p)) || (closes(p) && shapes(t))) return false;
  if ((p.prefixItems || p.items !== undefined) && (t.prefixItems || t.items !== undefined)) return false;

  if (p.type) t.type = t.type ? typeIntersection(t.type, p.type) : canonicalTypes(p.type);
  if (p.enum) {
    if (t.enum) {
      const keep = new Set(p.enum.map(stableJson));
      t.enum = t.enum.filter((v) => keep.has(stableJson(v)));
    } else t.enum = [...p.enum];
  }
  mergeBound(t, p, 'minimum', 'exclusiveMinimum', 1);
  mergeBound(t, p, 'maximum', 'exclusiveMaximum', -1);
  for (const k of ['minLength', 'minItems', 'minProperties', 'minContains'] as const) {
    if (p[k] !== undefined) t[k] = Math.max(t[k] ?? -Infinity, p[k] as number);
  }
  for (const k of ['maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const) {
    if (p[k] !== undefined) t[k] = Math.min(t[k] ?? Infinity, p[k] as number);
  }
  if (p.multipleOf !== undefined) {
    if (t.multipleOf === undefined || isMultiple(t.multipleOf, p.multipleOf)) t.multipleOf ??= p.multipleOf;
    else if (isMultiple(p.multipleOf, t.multipleOf)) t.multipleOf = p.multipleOf;
    else return false;
  }
  for (const k of ['pattern', 'format', 'contentEncoding', 'contentMediaType'] as const) {
    if (p[k] === undefined) continue;
    if (t[k] !== undefined && t[k] !== p[k]) return false;
    t[k] = p[k];
  }
  for (const k of ['uniqueItems', 'readOnly', 'writeOnly', 'deprecated'] as const) if (p[k]) t[k] = true;
  if (p.default !== undefined) {
    if (t.default !== undefined && stableJson(t.default) !== stableJson(p.default)) return false;
    t.default = p.default;
  }
  if (p.required) t.required = [...new Set([...(t.required ?? []), ...p.required])].sort();
  if (p.dependentRequired) {
    const merged = dict(Object.entries(t.dependentRequired ?? {}));
    for (const [k, v] of Object.entries(p.dependentRequired))
      merged[k] = [...new Set([...(merged[k] ?? []), ...v])].sort();
    t.dependentRequired = merged;
  }
  for (const k of ['properties', 'patternProperties', 'dependentSchemas'] as const) {
    const pm = p[k];
    if (!pm) continue;
    const merged = dict<CSchema>(Object.entries(t[k] ?? {}));
    for (const [name, sub] of Object.entries(pm)) {
      const mine = merged[name];
      merged[name] = mine === undefined ? sub : conjunction(mine, sub);
    }
    t[k] = merged;
  }
  for (const k of [
    'prefixItems',
    'items',
    'contains',
    'additionalProperties',
    'unevaluatedProperties',
    'unevaluatedItems',
    'propertyNames',
    'not',
    'anyOf',
    'oneOf',
  ] as const) {
    if (p[k] === undefined) continue;
    if (t[k] !== undefined) return false;
    (t as Record<string, unknown>)[k] = p[k];
  }
  if (p.if !== undefined) {
    if (t.if !== undefined) return false;
    t.if = p.if;
    if (p.then !== undefined) t.then = p.then;
    if (p.else !== undefined) t.else = p.else;
  }
  if (p.allOf) t.allOf = [...(t.allOf ?? []), ...p.allOf];
  // Numbers as written travel with the bounds they may have given t (rules/numeric.ts skips stale ones).
  if (p.written) t.written = dict([...Object.entries(p.written), ...Object.entries(t.written ?? {})]);
  if (p.unknown) {
    for (const [k, v] of Object.entries(p.unknown)) {
      if (t.unknown?.[k] !== undefined && stableJson(t.unknown[k]) !== stableJson(v)) return false;
      t.unknown = dict([...Object.entries(t.unknown ?? {}), [k, v] as const]);
    }
  }
  return true;
}

/** `a ∧ b` as one canonical schema where possible, else `{ allOf: [a, b] }`. */
export function conjunction(a: CSchema, b: CSchema): CSchema {
  if (a === false || b === false) return false;
  if (Object.keys(a).length === 0) return b;
  if (Object.keys(b).length === 0) return a;
  const copy: CObject = { ...a };
  return mergeInto(copy, b) ? copy : { allOf: [a, b] };
}

function mergeBound(
  t: CObject,
  p: CObject,
  inc: 'minimum' | 'maximum',
  exc: 'exclusiveMinimum' | 'exclusiveMaximum',
  sign: 1 | -1,
): void {
  const read = (s: CObject): Bound | undefined =>
    s[exc] !== undefined
      ? { value: s[exc] as number, exclusive: true }
      : s[inc] !== undefined
        ? { value: s[inc] as number, exclusive: false }
        : undefined;
  const a = read(t);
  const b = read(p);
  if (!b) return;
  const best = a ? tighter(a, b, sign) : b;
  delete t[inc];
  delete t[exc];
  t[best.exclusive ? exc : inc] = best.value;
}

/** True when `a` is an integer multiple of `b` (so `multipleOf: a` implies `multipleOf: b`). */
export function isMultiple(a: number, b: number): boolean {
  const r = a / b;
  return Math.abs(r - Math.round(r)) < 1e-9 && Math.round(r) !== 0;
}
