/**
 * Conjunction of canonical schemas: folding an `allOf` part into its parent, so that an object split into
 * `allOf` parts compares equal to the same object written in one piece. A merge either succeeds with
 * exactly the meaning of the conjunction, or refuses (returns false) and leaves the target untouched;
 * refused parts stay in `allOf` and the walker compares them as parts.
 */
import { type CObject, type CSchema, dict, jsonTypeOf, stableJson } from './canonical.js';
import { canonicalTypes, tighter, typeIntersection } from './algebra.js';

type Bound = { value: number; exclusive: boolean };

/**
 * `inPlace`: the part is one of the target's own in-place sub-schemas (an `allOf` part, the only `anyOf`
 * branch, the branch a constant `if` picks), so the target's `unevaluatedProperties`/`unevaluatedItems` see
 * what the part evaluates, before and after the merge. Otherwise the two are independent schemas (`a ∧ b`),
 * and one's unevaluated* must not start seeing the other's properties.
 */
export function mergeInto(target: CObject, part: CObject, inPlace = false): boolean {
  const next: CObject = { ...target };
  if (!apply(next, part, inPlace)) return false;
  if (evaluatesMore.has(part)) evaluatesMore.add(target);
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
/** Keywords that judge the properties declared in the SAME schema object (not in sub-schemas). */
const CLOSING_OWN = ['additionalProperties', 'patternProperties'] as const;
const UNEVALUATED = ['unevaluatedProperties', 'unevaluatedItems'] as const;

/**
 * In-place applicators whose annotations `unevaluatedProperties`/`unevaluatedItems` see besides the adjacent
 * keywords (`not` contributes none: it only passes when its schema fails).
 */
export function hasInPlaceApplicators(s: CObject): boolean {
  return (
    s.allOf !== undefined ||
    s.anyOf !== undefined ||
    s.oneOf !== undefined ||
    s.if !== undefined ||
    s.dependentSchemas !== undefined
  );
}

function apply(t: CObject, p: CObject, inPlace: boolean): boolean {
  // additionalProperties/patternProperties judge properties declared in the SAME schema object, so two
  // parts that both shape the object cannot be merged without changing which properties count as "additional".
  const shapes = (s: CObject) => OBJECT_SHAPE.some((k) => s[k] !== undefined);
  const closesOwn = (s: CObject) => CLOSING_OWN.some((k) => s[k] !== undefined);
  if ((closesOwn(t) && shapes(p)) || (closesOwn(p) && shapes(t))) return false;
  // unevaluatedProperties/Items see what the node's own keywords and its in-place sub-schemas evaluated. An
  // in-place part merged into a node that closes with them keeps that meaning: the part's properties and items
  // were evaluated there too. A part's own unevaluated* sees only the part, so it never merges (the node, or
  // a part merged later, would open it); nor does an independent schema that evaluates anything.
  const unevaluated = (s: CObject) => UNEVALUATED.some((k) => s[k] !== undefined);
  const evaluates = (s: CObject) =>
    shapes(s) ||
    hasInPlaceApplicators(s) ||
    s.prefixItems !== undefined ||
    s.items !== undefined ||
    s.contains !== undefined;
  if (unevaluated(p)) return false;
  if (unevaluated(t) && (closesOwn(p) || evaluatesMore.has(p) || (!inPlace && evaluates(p)))) return false;
  if ((p.prefixItems || p.items !== undefined) && (t.prefixItems || t.items !== undefined)) return false;

  if (p.type) t.type = t.type ? typeIntersection(t.type, p.type) : canonicalTypes(p.type);
  if (p.enum) {
    if (t.enum) {
      const keep = new Set(p.enum.map(stableJson));
      t.enum = t.enum.filter((v) => keep.has(stableJson(v)));
    } else t.enum = [...p.enum];
  }
  if (t.enum && t.type && (p.enum || p.type)) {
    // An enum value of a type the other part excludes is no value at all (as normalisation does).
    const types = t.type;
    t.enum = t.enum.filter((v) => {
      const type = jsonTypeOf(v);
      return types.includes(type) || (type === 'integer' && types.includes('number'));
    });
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
  if (!mergeInto(copy, b)) return { allOf: [a, b] };
  closeUnevaluated(copy);
  // A conjunction that admits nothing is `false`, as in canonical form (no type left, no enum value left).
  if (copy.type?.length === 0 || copy.enum?.length === 0) return false;
  return copy;
}

/**
 * Canonical nodes that evaluate more properties or items than their keywords show: normalisation dropped an
 * always-true `items`, `additionalProperties`, `contains`, trailing `prefixItems` entry, unevaluated* or
 * conditional, which says nothing about validity but marks properties or items as evaluated for an
 * enclosing `unevaluatedProperties`/`unevaluatedItems`. Such a node never folds into one that has them.
 */
export const evaluatesMore = new WeakSet<CObject>();

/**
 * Nodes whose `additionalProperties` the file wrote as `unevaluatedProperties` (rewritten by
 * `closeUnevaluated`): messages and pointers keep the keyword the author wrote.
 */
export const writtenAsUnevaluated = new WeakSet<CObject>();

/**
 * `unevaluatedProperties`/`unevaluatedItems` in a node with no in-place applicator left see only the adjacent
 * keywords, so they mean what `additionalProperties`/`items` mean: rewrite them so (an open or closed content
 * model then compares like any other). With `additionalProperties` (or `items`) present, every property (item)
 * is already evaluated and they constrain nothing. Beside `contains` an `unevaluatedItems` stays: the drafts
 * disagree on whether `contains` evaluates the items it matches (2020-12 yes, 2019-09 no), and ajv, which
 * verifies counterexamples, counts every item as evaluated in both; the walker reports such a change as
 * undecided rather than pick one reading.
 */
export function closeUnevaluated(out: CObject): void {
  if (hasInPlaceApplicators(out)) return;
  if (out.unevaluatedProperties !== undefined) {
    if (out.additionalProperties === undefined) {
      out.additionalProperties = out.unevaluatedProperties;
      writtenAsUnevaluated.add(out);
    }
    delete out.unevaluatedProperties;
  }
  const rest = out.unevaluatedItems;
  if (rest === undefined) return;
  if (out.items !== undefined) delete out.unevaluatedItems;
  else if (out.contains === undefined) {
    out.items = rest;
    delete out.unevaluatedItems;
  }
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
