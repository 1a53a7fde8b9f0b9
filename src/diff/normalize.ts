/**
 * Raw (resolved) JSON Schema → canonical form. Recursive graphs stay graphs: each raw object maps to one
 * canonical object, created before its children are filled in, so cycles are preserved, not unrolled.
 */
import type { Json, Origin, SchemaValue } from '../schema/types.js';
import { canonicalTypes, tighter, typeIntersection } from './algebra.js';
import {
  ALL_TYPES,
  type CObject,
  type CSchema,
  type JsonType,
  dict,
  jsonTypeOf,
  stableJson,
} from './canonical.js';
import { closeUnevaluated, evaluatesMore, mergeInto } from './merge.js';
import { containsWritten, hasWritten, writtenJson, writtenNumber } from '../schema/numbers.js';

/** Keywords that carry no meaning for compatibility: documentation, identifiers, vendor extensions. */
const IGNORED = new Set([
  '$schema',
  '$id',
  'id',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$vocabulary',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'examples',
  'example',
  'externalDocs',
  'xml',
  'contentSchema', // an annotation in 2019-09+: describes decoded content, validates nothing
  'discriminator', // OpenAPI: a hint for code generators; the oneOf/anyOf branches carry the meaning
  '$ref', // only left where the resolver kept it for reporting; resolution already happened
]);

export interface NormalizeContext {
  /** `$schema` dialect of the document: draft-04 reads boolean exclusiveMinimum/Maximum. */
  draft04: boolean;
  origins?: WeakMap<object, Origin>;
  /** Where each canonical node came from (filled by normalize). */
  canonicalOrigins: WeakMap<object, Origin>;
}

export function normalizeSchema(
  root: SchemaValue,
  origins?: WeakMap<object, Origin>,
): {
  schema: CSchema;
  origins: WeakMap<object, Origin>;
} {
  const draft = typeof root === 'object' && root !== null ? String(root.$schema ?? '') : '';
  const ctx: NormalizeContext = {
    draft04: /draft-0[34]\b/.test(draft),
    origins,
    canonicalOrigins: new WeakMap(),
  };
  const n = new Normalizer(ctx);
  return { schema: n.normalize(root), origins: ctx.canonicalOrigins };
}

class Normalizer {
  private readonly done = new Map<object, CSchema>();
  private readonly inProgress = new Set<CObject>();

  constructor(private readonly ctx: NormalizeContext) {}

  normalize(raw: unknown): CSchema {
    if (raw === false) return false;
    if (raw === true || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const seen = this.done.get(raw);
    if (seen !== undefined) return seen;
    const out: CObject = {};
    this.done.set(raw, out);
    const origin = this.ctx.origins?.get(raw);
    if (origin) this.ctx.canonicalOrigins.set(out, origin);
    this.inProgress.add(out);
    const result = this.fill(out, raw as Record<string, unknown>);
    this.inProgress.delete(out);
    if (result === false) {
      // An unsatisfiable node: later references must see `false` too.
      this.done.set(raw, false);
      return false;
    }
    return out;
  }

  /** An absent branch or an always-true one (never one still being built: it may not be empty). */
  private isTrivialOrAbsent(s: CSchema | undefined): boolean {
    return s === undefined || (isTrivial(s) && !this.isIncomplete(s));
  }

  /** True while a node's own children are still being normalised (it is part of a cycle being built). */
  isIncomplete(node: CSchema): boolean {
    return node !== false && this.inProgress.has(node);
  }

  /**
   * Beside `additionalProperties` (`items`) the node itself evaluates every property (every item after the
   * tuple), whatever its in-place applicators: its unevaluated* constrain nothing. An always-true one is
   * dropped here, before any part is merged in (merge.ts keeps a part apart from a node that closes its own
   * properties, even with `{}`), and remembered in `evaluatesMore` for an enclosing unevaluated*.
   */
  private settleEvaluated(out: CObject): void {
    if (out.additionalProperties !== undefined) delete out.unevaluatedProperties;
    if (out.items !== undefined) delete out.unevaluatedItems;
    for (const k of ['additionalProperties', 'items'] as const) {
      const v = out[k];
      if (v === undefined || !isTrivial(v) || this.isIncomplete(v)) continue;
      delete out[k];
      evaluatesMore.add(out);
    }
  }

  private fill(out: CObject, s: Record<string, unknown>): CSchema {
    this.copyAssertions(out, s);
    this.copyChildren(out, s);
    this.copyAnnotations(out, s);
    for (const k of Object.keys(s)) {
      if (!KNOWN.has(k) && !IGNORED.has(k) && !k.startsWith('x-')) {
        (out.unknown ??= dict())[k] = s[k] as Json;
      }
    }
    this.settleEvaluated(out);
    if (s.not !== undefined) {
      const not = this.normalize(s.not);
      if (not !== false && Object.keys(not).length === 0 && !this.isIncomplete(not)) return false;
      const inner =
        not !== false && !this.isIncomplete(not) && Object.keys(not).length === 1 ? not.not : undefined;
      if (inner !== undefined) {
        // not(not X) is X.
        if (inner === false) return false;
        if (this.isIncomplete(inner) || !mergeInto(out, inner)) (out.allOf ??= []).push(inner);
      } else if (not !== false) {
        if (out.not !== undefined) (out.allOf ??= []).push({ not });
        else out.not = not;
      }
    }
    for (const kw of ['anyOf', 'oneOf'] as const) {
      if (!Array.isArray(s[kw])) continue;
      let branches = (s[kw] as unknown[]).map((b) => this.normalize(b));
      if (kw === 'anyOf') {
        branches = dedupe(branches.filter((b) => b !== false));
        if (branches.length === 0) return false;
        // anyOf with an always-true branch constrains nothing (unless this node's own unevaluated* see what
        // the other branches evaluate: then it stays).
        if (branches.some((b) => b !== false && Object.keys(b).length === 0)) {
          if (!watchesAnnotations(s)) {
            if (branches.length > 1) evaluatesMore.add(out);
            continue;
          }
        }
      } else {
        const live = branches.filter((b) => b !== false);
        if (live.length === 0) return false;
        // A oneOf branch that accepts nothing never matches, so it cannot make another branch ambiguous.
        branches = live;
      }
      const pure = pureTypeBranches(branches);
      if (pure && (kw === 'anyOf' || disjointTypeLists(pure))) {
        // `anyOf: [{type: a}, {type: b}]` means `type: [a, b]`.
        intersectTypes(out, pure.flat());
        continue;
      }
      if (branches.length === 1 && !this.isIncomplete(branches[0] as CSchema)) {
        if (!mergeInto(out, branches[0] as CObject, true)) (out.allOf ??= []).push(branches[0] as CSchema);
        continue;
      }
      // A part merged in earlier (`not: {not: X}`, a constant `if`) may have brought its own: keep both.
      if (out[kw] !== undefined) (out.allOf ??= []).push({ [kw]: branches } as CObject);
      else out[kw] = branches;
    }
    if (s.if !== undefined && (s.then !== undefined || s.else !== undefined)) {
      const cond = this.normalize(s.if);
      const then = s.then === undefined ? undefined : this.normalize(s.then);
      const other = s.else === undefined ? undefined : this.normalize(s.else);
      // A condition every value meets (or none does) always picks the same branch: that branch is an allOf part.
      const always =
        cond === false ? 'else' : isTrivial(cond) && !this.isIncomplete(cond) ? 'then' : undefined;
      if (always) {
        const part = always === 'then' ? then : other;
        if (part === false) return false;
        if (part !== undefined && (this.isIncomplete(part) || !mergeInto(out, part, true)))
          (out.allOf ??= []).push(part);
      } else if (watchesAnnotations(s) || !(this.isTrivialOrAbsent(then) && this.isTrivialOrAbsent(other))) {
        const own: CObject = out.if === undefined ? out : {};
        own.if = cond;
        if (then !== undefined) own.then = then;
        if (other !== undefined) own.else = other;
        if (own !== out) (out.allOf ??= []).push(own);
      } else evaluatesMore.add(out);
    }
    // allOf: merge what can be merged; what cannot stays as allOf parts. Merged last, so that a part's
    // anyOf/oneOf/not/if meets the node's own (and stays a part) instead of being overwritten by it.
    if (Array.isArray(s.allOf)) {
      const parts = s.allOf.map((p) => this.normalize(p));
      if (parts.includes(false)) return false;
      const rest: CSchema[] = [];
      for (const p of parts) if (this.isIncomplete(p) || !mergeInto(out, p as CObject, true)) rest.push(p);
      if (rest.length) out.allOf = dedupe([...(out.allOf ?? []), ...rest]);
    }
    const result = simplify(out);
    if (result !== false) addWritten(result, s);
    return result;
  }

  private copyAssertions(out: CObject, s: Record<string, unknown>): void {
    if (s.type !== undefined) {
      const list = (Array.isArray(s.type) ? s.type : [s.type]).filter((t): t is JsonType =>
        (ALL_TYPES as readonly unknown[]).includes(t),
      );
      if (s.nullable === true) list.push('null');
      out.type = canonicalTypes(list);
    }
    const values: Json[][] = [];
    if (Array.isArray(s.enum)) values.push(s.enum as Json[]);
    if ('const' in s) values.push([s.const as Json]);
    if (values.length) {
      let allowed = values[0] as Json[];
      for (const more of values.slice(1)) {
        const keys = new Set(more.map(stableJson));
        allowed = allowed.filter((v) => keys.has(stableJson(v)));
      }
      // OpenAPI 3.0: `nullable: true` admits null even beside an enum.
      if (s.nullable === true) allowed = [...allowed, null];
      out.enum = dedupeValues(allowed);
    }
    // Lower and upper bounds: draft-04 booleans and 2019+ numbers become one tightest bound each.
    const lower = bound(s, 'minimum', 'exclusiveMinimum', this.ctx.draft04, 1);
    if (lower) out[lower.exclusive ? 'exclusiveMinimum' : 'minimum'] = lower.value;
    const upper = bound(s, 'maximum', 'exclusiveMaximum', this.ctx.draft04, -1);
    if (upper) out[upper.exclusive ? 'exclusiveMaximum' : 'maximum'] = upper.value;
    if (isNum(s.multipleOf) && s.multipleOf > 0) out.multipleOf = s.multipleOf;
    for (const k of ['minLength', 'minItems', 'minProperties'] as const) {
      if (isNum(s[k]) && s[k] > 0) out[k] = s[k];
    }
    for (const k of ['maxLength', 'maxItems', 'maxProperties', 'maxContains'] as const) {
      if (isNum(s[k])) out[k] = s[k];
    }
    if (isNum(s.minContains) && s.minContains !== 1) out.minContains = s.minContains;
    for (const k of ['pattern', 'format', 'contentEncoding', 'contentMediaType'] as const) {
      if (typeof s[k] === 'string') out[k] = s[k];
    }
    if (s.uniqueItems === true) out.uniqueItems = true;
    if (Array.isArray(s.required) && s.required.length) {
      out.required = [...new Set(s.required.map(String))].sort();
    }
    const depReq = dict<string[]>();
    const addDepReq = (src: unknown): void => {
      if (!isObj(src)) return;
      for (const [k, v] of Object.entries(src)) {
        if (Array.isArray(v)) depReq[k] = [...new Set([...(depReq[k] ?? []), ...v.map(String)])].sort();
      }
    };
    addDepReq(s.dependentRequired);
    addDepReq(s.dependencies);
    for (const k of Object.keys(depReq)) if (depReq[k]?.length === 0) delete depReq[k];
    if (Object.keys(depReq).length) out.dependentRequired = depReq;
  }

  private copyChildren(out: CObject, s: Record<string, unknown>): void {
    // Draft-07 tuples (`items: [...]` + `additionalItems`) are 2020-12 `prefixItems` + `items`.
    if (Array.isArray(s.items)) {
      out.prefixItems = s.items.map((i) => this.normalize(i));
      if (s.additionalItems !== undefined) out.items = this.normalize(s.additionalItems);
    } else {
      if (Array.isArray(s.prefixItems)) out.prefixItems = s.prefixItems.map((i) => this.normalize(i));
      if (s.items !== undefined) out.items = this.normalize(s.items);
    }
    for (const k of [
      'contains',
      'additionalProperties',
      'unevaluatedProperties',
      'unevaluatedItems',
      'propertyNames',
    ] as const) {
      if (s[k] !== undefined) out[k] = this.normalize(s[k]);
    }
    for (const k of ['properties', 'patternProperties', 'dependentSchemas'] as const) {
      if (isObj(s[k])) {
        const map = dict<CSchema>();
        for (const [name, sub] of Object.entries(s[k] as object)) map[name] = this.normalize(sub);
        if (Object.keys(map).length) out[k] = map;
      }
    }
    if (isObj(s.dependencies)) {
      for (const [name, sub] of Object.entries(s.dependencies as object)) {
        if (!Array.isArray(sub)) (out.dependentSchemas ??= dict())[name] = this.normalize(sub);
      }
    }
  }

  private copyAnnotations(out: CObject, s: Record<string, unknown>): void {
    if ('default' in s) out.default = s.default as Json;
    if (s.readOnly === true) out.readOnly = true;
    if (s.writeOnly === true) out.writeOnly = true;
    if (s.deprecated === true) out.deprecated = true;
  }
}

/** Keywords whose number the canonical node holds as the raw schema wrote it (when not merged away). */
const NUMBER_KEYWORDS = [
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minContains',
  'maxContains',
] as const;

/**
 * `out.written`: the numbers of `out` that the raw schema `s` wrote with more precision than a double holds
 * (recorded by the reader, see schema/numbers.ts), so that a change between two of them is not lost.
 */
function addWritten(out: CObject, s: Record<string, unknown>): void {
  let written: Record<string, string> | undefined;
  if (hasWritten(s)) {
    for (const k of NUMBER_KEYWORDS) {
      const text = typeof out[k] === 'number' && out[k] === s[k] ? writtenNumber(s, k) : undefined;
      if (text !== undefined) (written ??= dict())[k] = text;
    }
  }
  const places: [object, string | number][] = [];
  if (out.enum !== undefined) {
    if (Array.isArray(s.enum) && containsWritten(s.enum))
      s.enum.forEach((_, i) => places.push([s.enum as object, i]));
    if ('const' in s && (hasWritten(s) || containsWritten(s.const))) places.push([s, 'const']);
  }
  const kept = places.length > 0 ? new Set((out.enum ?? []).map(stableJson)) : undefined;
  for (const [holder, key] of places) {
    const text = writtenJson(holder, key);
    const value = stableJson((holder as Record<string, unknown>)[String(key)]);
    if (text === undefined || !kept?.has(value)) continue;
    const slot = `enum/${value}`;
    const seen = (written ??= dict())[slot];
    // Two spellings of one value read alike: keep both, in a stable order.
    written[slot] = seen === undefined ? text : [...new Set([...seen.split(' | '), text])].sort().join(' | ');
  }
  if (written !== undefined) out.written = written;
}

const KNOWN = new Set([
  'type',
  'nullable',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'contentEncoding',
  'contentMediaType',
  'items',
  'prefixItems',
  'additionalItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'unevaluatedItems',
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'required',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'default',
  'readOnly',
  'writeOnly',
  'deprecated',
]);

function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bound(
  s: Record<string, unknown>,
  inclusiveKey: string,
  exclusiveKey: string,
  _draft04: boolean,
  sign: 1 | -1,
): { value: number; exclusive: boolean } | undefined {
  const candidates: { value: number; exclusive: boolean }[] = [];
  const inc = s[inclusiveKey];
  const exc = s[exclusiveKey];
  if (isNum(inc)) candidates.push({ value: inc, exclusive: exc === true });
  // In draft-04 exclusiveMinimum is a boolean modifier (read above); later drafts make it a number.
  if (isNum(exc)) candidates.push({ value: exc, exclusive: true });
  let best: { value: number; exclusive: boolean } | undefined;
  for (const c of candidates) best = best ? tighter(best, c, sign) : c;
  return best;
}

function intersectTypes(out: CObject, list: JsonType[]): void {
  const next = canonicalTypes(list);
  out.type = out.type ? typeIntersection(out.type, next) : next;
}

function pureTypeBranches(branches: CSchema[]): JsonType[][] | undefined {
  const lists: JsonType[][] = [];
  for (const b of branches) {
    if (b === false || !b.type || Object.keys(b).length !== 1) return undefined;
    lists.push(b.type);
  }
  return lists;
}

function disjointTypeLists(lists: JsonType[][]): boolean {
  for (let i = 0; i < lists.length; i++)
    for (let j = i + 1; j < lists.length; j++)
      if (typeIntersection(lists[i] as JsonType[], lists[j] as JsonType[]).length) return false;
  return true;
}

function dedupe(list: CSchema[]): CSchema[] {
  // Identity dedupe is enough here: structurally equal branches are handled by the walker's keys.
  return [...new Set(list)];
}

function dedupeValues(values: Json[]): Json[] {
  const seen = new Map<string, Json>();
  for (const v of values) seen.set(stableJson(v), v);
  return [...seen.keys()].sort().map((k) => seen.get(k) as Json);
}

/**
 * Canonical cleanup of one node: drop constraints that constrain nothing, and detect type slices that
 * admit no value (so a contradiction compares equal to `false`).
 */
export function simplify(out: CObject): CSchema {
  simplifyDependencies(out);
  // Dropping an always-true keyword that evaluates properties or items loses an annotation a parent's
  // unevaluated* would see: `evaluatesMore` remembers it (merge.ts then refuses to fold such a part).
  const dropTrivial = (
    k: 'unevaluatedProperties' | 'unevaluatedItems' | 'additionalProperties' | 'items',
  ) => {
    if (!isTrivial(out[k])) return;
    delete out[k];
    evaluatesMore.add(out);
  };
  dropTrivial('unevaluatedProperties');
  dropTrivial('unevaluatedItems');
  closeUnevaluated(out);
  // contains: without an upper bound, `minContains: 0` is always satisfied; maxContains alone means nothing.
  if (out.contains === undefined || (out.minContains === 0 && out.maxContains === undefined)) {
    delete out.contains;
    delete out.minContains;
    delete out.maxContains;
  }
  // No item matches `contains: false`: at least one match is impossible; at most k matches always holds. And
  // more matches required than allowed admits no array at all.
  const noArray =
    (out.contains === false && (out.minContains ?? 1) > 0) ||
    (out.contains !== undefined && (out.minContains ?? 1) > (out.maxContains ?? Infinity));
  if (out.contains === false) {
    delete out.contains;
    delete out.minContains;
    delete out.maxContains;
  }
  // propertyNames: false admits only the empty object.
  if (out.propertyNames === false) {
    out.maxProperties = 0;
    delete out.propertyNames;
  }
  // items: false after the tuple is a maxItems; maxItems at or below the tuple length makes items moot.
  const prefix = out.prefixItems?.length ?? 0;
  if (out.items === false) {
    out.maxItems = Math.min(out.maxItems ?? Infinity, prefix);
    delete out.items;
  }
  dropTrivial('items');
  if (out.maxItems !== undefined) {
    if (out.prefixItems && out.prefixItems.length > out.maxItems)
      out.prefixItems = out.prefixItems.slice(0, out.maxItems);
    if (out.items !== undefined && (out.prefixItems?.length ?? 0) >= out.maxItems) delete out.items;
    if (out.maxItems <= 1) delete out.uniqueItems;
  }
  if (out.prefixItems) {
    // Trailing always-true tuple entries add nothing when the rest of the array is unconstrained too.
    while (out.items === undefined && out.prefixItems.length) {
      const last = out.prefixItems[out.prefixItems.length - 1] as CSchema;
      if (last === false || Object.keys(last).length) break;
      out.prefixItems.pop();
      evaluatesMore.add(out);
    }
    if (!out.prefixItems.length) delete out.prefixItems;
  }
  for (const k of ['additionalProperties', 'unevaluatedProperties', 'unevaluatedItems'] as const)
    dropTrivial(k);
  if (isTrivial(out.propertyNames)) delete out.propertyNames;
  if (isTrivial(out.contains)) {
    evaluatesMore.add(out);
    // contains: {} matches every item: "at least minContains items" and "at most maxContains items".
    out.minItems = Math.max(out.minItems ?? 0, out.minContains ?? 1);
    if (out.maxContains !== undefined) out.maxItems = Math.min(out.maxItems ?? Infinity, out.maxContains);
    delete out.contains;
    delete out.minContains;
    delete out.maxContains;
    if (out.minItems === 0) delete out.minItems;
  }
  if (out.multipleOf === 1 && out.type) {
    // `type: number, multipleOf: 1` is how some generators spell `integer`.
    out.type = canonicalTypes(out.type.map((t) => (t === 'number' ? 'integer' : t)));
    delete out.multipleOf;
  }
  if (out.enum) {
    if (out.type) {
      const types = out.type;
      out.enum = out.enum.filter((v) => {
        const t = jsonTypeOf(v);
        return types.includes(t) || (t === 'integer' && types.includes('number'));
      });
    }
    if (out.enum.length === 0) return false;
  }
  // Per-type emptiness: remove type slices whose own constraints contradict each other.
  const empty = new Set<JsonType>();
  const lo = out.exclusiveMinimum ?? out.minimum;
  const hi = out.exclusiveMaximum ?? out.maximum;
  if (lo !== undefined && hi !== undefined) {
    if (
      lo > hi ||
      (lo === hi && (out.exclusiveMinimum !== undefined || out.exclusiveMaximum !== undefined))
    ) {
      empty.add('number');
      empty.add('integer');
    }
  }
  if ((out.minLength ?? 0) > (out.maxLength ?? Infinity)) empty.add('string');
  if (noArray || (out.minItems ?? 0) > (out.maxItems ?? Infinity)) empty.add('array');
  if (out.prefixItems?.slice(0, out.minItems ?? 0).includes(false)) empty.add('array');
  if (objectSliceEmpty(out)) empty.add('object');
  if (empty.size) {
    const remaining = (out.type ?? ALL_TYPES).filter((t) => !empty.has(t));
    out.type = canonicalTypes(remaining);
  }
  if (out.type && out.type.length === 0) return false;
  return out;
}

/**
 * dependentRequired / dependentSchemas (and draft-07 `dependencies`) only apply when their property is
 * present: a required trigger makes them unconditional, a forbidden one (`properties: {x: false}`) makes them
 * moot, and names the object already requires add nothing.
 */
/**
 * Whether a raw schema's own unevaluatedProperties/unevaluatedItems constrain anything, so that what its
 * in-place sub-schemas evaluate is part of its meaning.
 */
function watchesAnnotations(s: Record<string, unknown>): boolean {
  return [s.unevaluatedProperties, s.unevaluatedItems].some(
    (v) => v !== undefined && v !== true && !(isObj(v) && Object.keys(v).length === 0),
  );
}

function simplifyDependencies(out: CObject): void {
  const required = new Set(out.required ?? []);
  const forbidden = (name: string) => out.properties?.[name] === false;
  if (out.dependentRequired) {
    const kept = dict<string[]>();
    for (const [name, needs] of Object.entries(out.dependentRequired)) {
      if (forbidden(name)) continue;
      if (required.has(name)) for (const need of needs) required.add(need);
      else {
        const rest = needs.filter((need) => !required.has(need));
        if (rest.length) kept[name] = rest;
      }
    }
    if (required.size) out.required = [...required].sort();
    if (Object.keys(kept).length) out.dependentRequired = kept;
    else delete out.dependentRequired;
  }
  if (out.dependentSchemas) {
    const kept = dict<CSchema>();
    for (const [name, sub] of Object.entries(out.dependentSchemas)) if (!forbidden(name)) kept[name] = sub;
    if (Object.keys(kept).length) out.dependentSchemas = kept;
    else delete out.dependentSchemas;
  }
}

function objectSliceEmpty(out: CObject): boolean {
  if ((out.minProperties ?? 0) > (out.maxProperties ?? Infinity)) return true;
  const required = out.required ?? [];
  if (required.length > (out.maxProperties ?? Infinity)) return true;
  for (const name of required) {
    const own = out.properties?.[name];
    if (own === false) return true;
    if (own === undefined && out.additionalProperties === false && !out.patternProperties) return true;
  }
  return false;
}

/** The always-true schema `{}` (not `undefined`, not `false`). */
export function isTrivial(s: CSchema | undefined): boolean {
  return s !== undefined && s !== false && Object.keys(s).length === 0;
}
