/**
 * Counterexamples: for a change that breaks set inclusion (an input the new schema rejects although the old
 * one accepted it; an output the new schema allows although the old one did not), one concrete instance that
 * proves it. Found by a bounded search, never guessed: a base instance (generated from either schema, valid
 * against the witness side) is changed only at the place the change is about, and a candidate is kept only
 * when ajv (src/consumers/validator.ts, patterns through RE2) finds it valid against the witness side and
 * invalid against the other, with an error at that place the base alone does not have.
 *
 * Bounded and deterministic: a fixed number of candidates per change, each at most `MAX_VALUE_CHARS` of JSON;
 * the same two schemas always give the same instance. A wall-clock limit is only a safety net for hostile
 * schemas (very slow validators): it never decides which instance is shown, only whether one is.
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';

import type { ValidationError } from '../consumers/validator.js';
import type { Counterexample, Direction } from '../diff/types.js';
import type { ResolvedSchema } from '../schema/types.js';
import { generateRequest } from '../verify/generate.js';
import { samplePattern } from '../verify/pattern.js';
import { breaksInclusion, witnessSide } from './inclusion.js';
import { compileMilliseconds, slicedValidator, type SlicedValidator, type Validator } from './slice.js';

/** What the search needs to know about a change: where it is, on each side, and its arguments. */
export interface ChangeLocation {
  /** The rule id: the JSON Schema keyword it names is preferred among the other side's errors. */
  rule?: string;
  oldPath: string;
  newPath: string;
  /** Where the change is shown (a deeper pointer than either side's, for a property added). */
  path?: string;
  args?: Record<string, unknown>;
}

/** An instance to try first, as it is: a consumer's recorded fixture. */
export interface Preferred {
  value: unknown;
  fixture: { consumer: string; file: string };
}

/** Candidates tried per change (bases × values), whatever the schemas. */
export const MAX_CANDIDATES = 200;
/** Once an instance is found, how many more candidates may look for a more telling one. */
const MORE_AFTER_FOUND = 40;
/**
 * Candidates made (and told to the validators) at a time: most searches end within the first few, and a
 * validator cut to the instances is recompiled only when a later chunk brings a name the earlier did not.
 */
const CHUNK = 8;
/**
 * Candidates per base told to the validators before any search: the first chunk. The candidates the change
 * names come first (most searches end within it), and every name a candidate brings makes the cut schemas,
 * and so their compilation, larger.
 */
const PREPARED = CHUNK;
/** A counterexample longer than this (as JSON) is not offered: it would not be read. */
export const MAX_VALUE_CHARS = 2_000;
/** Safety net per change, for schemas whose validators are pathologically slow. */
const MAX_MILLISECONDS = 300;
/** Longest string or array made to cross a length bound. */
const MAX_LENGTH = 256;
/** The name used for a property no schema declares. */
const EXTRA_PROPERTY = 'extra';

const DELETE: unique symbol = Symbol('delete');
type Candidate = unknown;

export { breaksInclusion, witnessSide };

/** One validator per resolved schema, shared by the changes of a diff (each compiles once, or cut: slice.ts). */
const validators = new WeakMap<ResolvedSchema, SlicedValidator | null>();

function validatorOf(schema: ResolvedSchema): SlicedValidator | undefined {
  let v = validators.get(schema);
  if (v === undefined) validators.set(schema, (v = slicedValidator(schema) ?? null));
  return v ?? undefined;
}

/** What a search for one change works with: both sides, their validators, and the place of the change. */
interface Search {
  side: 'old' | 'new';
  witness: ResolvedSchema;
  other: ResolvedSchema;
  witnessValidator: SlicedValidator;
  otherValidator: SlicedValidator;
  walk: Walk;
  witnessNode: unknown;
  otherNode: unknown;
  pad: Pad;
  args: Record<string, unknown>;
}

function searchFor(
  oldSchema: ResolvedSchema,
  newSchema: ResolvedSchema,
  direction: Direction,
  location: ChangeLocation,
): Search | undefined {
  const side = witnessSide(direction);
  const [witness, other] = side === 'old' ? [oldSchema, newSchema] : [newSchema, oldSchema];
  const witnessValidator = validatorOf(witness);
  const otherValidator = validatorOf(other);
  if (witnessValidator === undefined || otherValidator === undefined) return undefined;
  const [witnessPath, otherPath] =
    side === 'old' ? [location.oldPath, location.newPath] : [location.newPath, location.oldPath];
  const deeper = (root: unknown, pointer: string): string => {
    const shown = location.path;
    if (shown === undefined) return pointer;
    return instanceSteps(root, shown).length > instanceSteps(root, pointer).length ? shown : pointer;
  };
  const walk = walkPointer(witness.root, deeper(witness.root, witnessPath));
  // Made once per place and slot: every candidate that needs the same filler gets the same (never changed:
  // placeAt copies what it changes) value.
  const padded = new Map<string, unknown>();
  const pad = (at: number, slot?: number): unknown => {
    const key = `${at}:${slot ?? ''}`;
    if (padded.has(key)) return padded.get(key);
    let value: unknown;
    if (slot !== undefined) value = slotValue(walk.arrays.get(at), slot);
    else {
      const made = generateRequest(walk.containers[at] ?? true, 'minimal', { samples: new Map() });
      value = 'value' in made ? made.value : undefined;
    }
    padded.set(key, value);
    return value;
  };
  return {
    side,
    witness,
    other,
    witnessValidator,
    otherValidator,
    walk,
    witnessNode: walk.node,
    otherNode: walkPointer(other.root, deeper(other.root, otherPath)).node,
    pad,
    args: location.args ?? {},
  };
}

/** Instances of JSON text no longer than `MAX_VALUE_CHARS` (the only ones a search validates). */
function showable(values: readonly unknown[]): unknown[] {
  return values.filter((v) => (safeJson(v)?.length ?? Infinity) <= MAX_VALUE_CHARS);
}

/**
 * Tells the validators of a diff's schemas about every instance the searches for `locations` may try, before
 * any is validated, so that a large schema is compiled (cut to them) once for all the changes rather than
 * once per change. Optional: a search prepares what it tries anyway.
 */
export function prepareCounterexamples(
  oldSchema: ResolvedSchema,
  newSchema: ResolvedSchema,
  direction: Direction,
  locations: readonly ChangeLocation[],
  preferred: readonly Preferred[] = [],
): void {
  for (const location of locations) {
    const search = searchFor(oldSchema, newSchema, direction, location);
    if (search === undefined) return;
    const values: unknown[] = preferred.map((p) => p.value);
    // The minimal bases only: a full instance of a large schema costs more to make than it is likely to help
    // (a search that gets to the full bases prepares them then).
    const bases = [...branchBases(search), ...madeBases(search.witness, search.other, 'minimal')];
    for (const base of bases) {
      values.push(base);
      let n = 0;
      for (const candidate of candidatesAt(base, search)) {
        values.push(candidate);
        if (++n >= PREPARED) break;
      }
    }
    const small = showable(values);
    search.witnessValidator.prepare(small);
    search.otherValidator.prepare(small);
  }
}

/**
 * A verified instance proving that the change at `location` breaks set inclusion for `direction`, or
 * undefined when the bounded search finds none (or a schema cannot be compiled).
 * `preferred` values (say, a consumer's recorded fixtures) are tried first, as they are.
 */
export function findCounterexample(
  oldSchema: ResolvedSchema,
  newSchema: ResolvedSchema,
  direction: Direction,
  location: ChangeLocation,
  preferred: readonly Preferred[] = [],
): Counterexample | undefined {
  const search = searchFor(oldSchema, newSchema, direction, location);
  if (search === undefined) return undefined;
  const { side, witness, other, witnessValidator, otherValidator } = search;
  const valid = witnessValidator.validate;
  const invalid = otherValidator.validate;
  /** Tells both validators about instances before they are tried: one compilation serves them all. */
  const prepare = (values: readonly unknown[]): void => {
    const small = showable(values);
    witnessValidator.prepare(small);
    otherValidator.prepare(small);
  };
  const keywords = keywordsOf(location.rule ?? '');
  const placePath = search.walk.steps.map((step) => ('key' in step ? step.key : step.index));
  const place = pointerOf(placePath);
  // The safety net's clock: compiling the validators (slow on a large schema, slower on a busy machine) is
  // left out, so that it only ever stops a search whose validators are pathologically slow to run.
  const started = performance.now() - compileMilliseconds();
  let tried = 0;

  const errorKey = (e: ValidationError): string => `${e.instancePath}\0${e.keyword}\0${e.message}`;
  /**
   * How telling a candidate is, 0 best, or -1 when it proves nothing: the other side rejects it by the keyword
   * the rule is about, at the place or inside it, or at all near it (an error at an ancestor counts too: a
   * required property left out is reported at its parent). Errors the base alone has do not count.
   */
  const levels: ((e: ValidationError) => boolean)[] = [
    ...(keywords.size > 0
      ? [(e: ValidationError) => keywords.has(e.keyword) && related(e.instancePath, place)]
      : []),
    (e) => inside(e.instancePath, place),
    (e) => related(e.instancePath, place),
  ];
  const grade = (value: unknown, baseErrors: ReadonlySet<string>): number => {
    tried++;
    const text = safeJson(value);
    if (text === undefined || text.length > MAX_VALUE_CHARS) return -1;
    const own = valid(value);
    if (own === undefined || own.length > 0) return -1;
    const errors = invalid(value);
    if (errors === undefined || errors.length === 0) return -1;
    const fresh = errors.filter((e) => !baseErrors.has(errorKey(e)));
    return levels.findIndex((level) => fresh.some(level));
  };
  const exhausted = (): boolean =>
    tried >= MAX_CANDIDATES ||
    (best !== undefined && tried - best.at >= MORE_AFTER_FOUND) ||
    performance.now() - compileMilliseconds() - started > MAX_MILLISECONDS;

  // One pass over the candidates; the first at the best level wins, and the best possible ends the search.
  let best: { level: number; found: Counterexample; at: number } | undefined;
  const consider = (
    value: unknown,
    baseErrors: ReadonlySet<string>,
    fixture?: Preferred['fixture'],
  ): boolean => {
    const level = grade(value, baseErrors);
    if (level < 0 || (best !== undefined && best.level <= level)) return false;
    best = {
      level,
      at: tried,
      found: { value, validAgainst: side, ...(fixture === undefined ? {} : { fixture }), at: placePath },
    };
    return level === 0;
  };
  const run = (): void => {
    // A recorded instance, as it is, when the other side rejects it at the place of the change.
    prepare(preferred.map((p) => p.value));
    for (const { value, fixture } of preferred) {
      if (exhausted() || consider(value, new Set(), fixture)) return;
    }
    // Bases made for the place first (inside the union branch the change is in), then the shared ones.
    const own = validatedBases(branchBases(search), valid, invalid, prepare);
    for (const { value: base, errors } of chain(
      own,
      baseInstances(witness, other, valid, invalid, prepare),
    )) {
      // A base the other side already rejects, at the place of the change, proves it as it is.
      if (errors.length > 0 && consider(base, new Set())) return;
      if (exhausted()) return;
      const baseErrors = new Set(errors.map(errorKey));
      // Candidates in chunks, each made before any is tried so that the validators compile once for it.
      const made = candidatesAt(base, search);
      for (let chunk = take(made, CHUNK); chunk.length > 0; chunk = take(made, CHUNK)) {
        prepare(chunk);
        for (const candidate of chunk) {
          if (exhausted() || consider(candidate, baseErrors)) return;
        }
      }
    }
  };
  run();
  return best?.found;
}

/**
 * The JSON Schema keywords a rule id may name: its leading words in camel case (`max-length-added` →
 * `maxLength`, `additional-properties-closed` → `additionalProperties`, `enum-value-removed` → `enum`).
 */
function keywordsOf(rule: string): Set<string> {
  const words = rule.split('-').filter((w) => w !== '');
  const out = new Set<string>();
  for (let n = 1; n <= words.length; n++) {
    const [first = '', ...rest] = words.slice(0, n);
    out.add(first + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''));
  }
  return new Set([...out].filter((k) => AJV_KEYWORDS.has(k)));
}

const AJV_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'required',
  'properties',
  'additionalProperties',
  'unevaluatedProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'minContains',
  'maxContains',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'if',
]);

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Whether an error at `instancePath` is at the place or inside it. */
function inside(instancePath: string, place: string): boolean {
  return `${instancePath}/`.startsWith(`${place}/`);
}

/** Whether an error at `instancePath` is about the place (at it, inside it, or at an ancestor of it). */
function related(instancePath: string, place: string): boolean {
  const a = `${instancePath}/`;
  const b = `${place}/`;
  return a.startsWith(b) || b.startsWith(a);
}

// ---- bases ----------------------------------------------------------------------------------------------

interface Base {
  value: unknown;
  /** The other side's errors for the base itself. */
  errors: ValidationError[];
}

/** The next `n` values of `iterator` (fewer at its end). */
function take<T>(iterator: Iterator<T>, n: number): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const next = iterator.next();
    if (next.done === true) break;
    out.push(next.value);
  }
  return out;
}

function* chain<T>(...lists: Iterable<T>[]): Generator<T> {
  for (const list of lists) yield* list;
}

/**
 * Instances valid against the witness side, made from both schemas: the minimal ones first, the full ones only
 * when a search gets that far (making a full instance of a large schema costs more than the rest of a search);
 * within each, those the other side accepts too come first (a candidate made from one differs from an
 * accepted instance only at the place of the change). An instance longer than `MAX_VALUE_CHARS` is left out:
 * nothing made from it could be shown. Kept per pair of schemas, for the other changes of the same diff.
 */
const baseCache = new WeakMap<ResolvedSchema, WeakMap<ResolvedSchema, Base[][]>>();
const BASE_VARIANTS = ['minimal', 'full'] as const;
type BaseVariant = (typeof BASE_VARIANTS)[number];

function* baseInstances(
  witness: ResolvedSchema,
  other: ResolvedSchema,
  valid: Validator,
  invalid: Validator,
  prepare: (values: readonly unknown[]) => void,
): Generator<Base> {
  let byOther = baseCache.get(witness);
  if (byOther === undefined) baseCache.set(witness, (byOther = new WeakMap()));
  let stages = byOther.get(other);
  if (stages === undefined) byOther.set(other, (stages = []));
  for (let i = 0; i < BASE_VARIANTS.length; i++) {
    let stage = stages[i];
    if (stage === undefined) {
      const earlier = stages.slice(0, i).flatMap((list) => list.map((b) => b.value));
      const made = madeBases(witness, other, BASE_VARIANTS[i] as BaseVariant).filter(
        (v) => !earlier.some((e) => isDeepStrictEqual(e, v)),
      );
      stage = validatedBases(made, valid, invalid, prepare);
      stages[i] = stage;
    }
    yield* stage;
  }
}

/** Made instances per pair of schemas and variant: every change of a diff starts from the same ones. */
const madeCache = new WeakMap<ResolvedSchema, WeakMap<ResolvedSchema, Map<BaseVariant, unknown[]>>>();

/**
 * The `variant` instances of the other side and the witness side, without repeats or long ones. Made once
 * per pair of schemas (never changed: placeAt copies what it changes).
 */
function madeBases(witness: ResolvedSchema, other: ResolvedSchema, variant: BaseVariant): unknown[] {
  let byOther = madeCache.get(witness);
  if (byOther === undefined) madeCache.set(witness, (byOther = new WeakMap()));
  let byVariant = byOther.get(other);
  if (byVariant === undefined) byOther.set(other, (byVariant = new Map()));
  const cached = byVariant.get(variant);
  if (cached !== undefined) return cached;
  const made: unknown[] = [];
  for (const schema of [other, witness]) {
    const m = generateRequest(schema.root, variant, { samples: new Map() });
    if (!('value' in m) || made.some((s) => isDeepStrictEqual(s, m.value))) continue;
    made.push(m.value);
  }
  const out = showable(made);
  byVariant.set(variant, out);
  return out;
}

/**
 * For a change inside a branch of a union (`/anyOf/17/properties/at`): instances made from that branch,
 * placed where the union is, so that candidates meet the branch the change is in rather than the first one.
 */
function branchBases(search: Search): unknown[] {
  const out: unknown[] = [];
  const { walk, witness } = search;
  let outer: unknown;
  for (const { at, node } of [...walk.branches].reverse()) {
    const m = generateRequest(node, 'minimal', { samples: new Map() });
    if (!('value' in m)) continue;
    if (at === 0) out.push(m.value);
    else {
      if (outer === undefined) {
        const made = generateRequest(witness.root, 'minimal', { samples: new Map() });
        if (!('value' in made)) continue;
        outer = made.value;
      }
      const placed = placeAt(outer, walk.steps.slice(0, at), m.value, search.pad);
      if (placed !== undefined) out.push(placed);
    }
  }
  return showable(out);
}

/** The instances valid against the witness side, those the other side accepts too first. */
function validatedBases(
  made: readonly unknown[],
  valid: Validator,
  invalid: Validator,
  prepare: (values: readonly unknown[]) => void,
): Base[] {
  prepare(made);
  const both: Base[] = [];
  const one: Base[] = [];
  for (const value of made) {
    const own = valid(value);
    if (own === undefined || own.length > 0) continue;
    const errors = invalid(value);
    if (errors === undefined) continue;
    (errors.length === 0 ? both : one).push({ value, errors });
  }
  return [...both, ...one];
}

// ---- places ---------------------------------------------------------------------------------------------

/** One step from a value to a part of it: a property name or an array index. */
type Step = { key: string } | { index: number };

const SAME_PLACE = new Set(['anyOf', 'oneOf', 'allOf']);
const SAME_PLACE_SINGLE = new Set(['not', 'if', 'then', 'else']);

/** Where a schema pointer leads in an instance, the schema node there, and each array's node on the way. */
interface Walk {
  steps: Step[];
  node: unknown;
  /** For each index step (by position in `steps`): the array's schema node, to fill the slots before it. */
  arrays: Map<number, unknown>;
  /** For each step: the schema node of the value the step is taken in (to make that value when missing). */
  containers: unknown[];
  /** Each `anyOf`/`oneOf` branch the pointer enters, with the number of steps taken before it. */
  branches: { at: number; node: unknown }[];
}

/** How many leading slots of an array node are tuple slots (2020-12 `prefixItems`, draft-07 `items: [...]`). */
function tupleLength(node: Record<string, unknown>): number {
  if (Array.isArray(node.prefixItems)) return node.prefixItems.length;
  if (Array.isArray(node.items)) return node.items.length;
  return 0;
}

/**
 * The place in an instance a schema pointer is about: `/properties/items/items/properties/qty/maximum` →
 * `items`, 0, `qty`. Keywords that do not lead to a part of the instance end the walk. Pointers are the
 * canonical form's (tuples as `prefixItems`, the rest as `items`); the raw node may spell them draft-07's way.
 */
export function walkPointer(root: unknown, pointer: string): Walk {
  const tokens = parsePointer(pointer);
  const steps: Step[] = [];
  const arrays = new Map<number, unknown>();
  const containers: unknown[] = [];
  const branches: { at: number; node: unknown }[] = [];
  let node: unknown = root;
  const member = (map: unknown, key: string): unknown =>
    isObject(map) && Object.hasOwn(map, key) ? map[key] : undefined;
  // Canonical form merges `allOf` parts into their node (`allOf: [{$ref: Base}, {properties: …}]`), so a
  // pointer may name a property or items that only a part declares: read from the node, else from its parts.
  const declared = (
    here: Record<string, unknown>,
    read: (node: Record<string, unknown>) => unknown,
  ): unknown => {
    const seen = new Set<object>();
    const visit = (node: Record<string, unknown>): unknown => {
      if (seen.has(node)) return undefined;
      seen.add(node);
      const own = read(node);
      if (own !== undefined || !Array.isArray(node.allOf)) return own;
      for (const part of node.allOf) {
        const found = isObject(part) ? visit(part) : undefined;
        if (found !== undefined) return found;
      }
      return undefined;
    };
    return visit(here);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!isObject(node)) {
      node = true;
      break;
    }
    const here: Record<string, unknown> = node;
    containers.length = steps.length;
    containers.push(here);
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const isIndex = next !== undefined && /^\d+$/.test(next);
    if (token === 'properties' && next !== undefined) {
      steps.push({ key: next });
      // A name this side does not declare is ruled by its additionalProperties.
      node =
        declared(here, (n) => member(n.properties, next)) ??
        (isObject(here.additionalProperties) ? here.additionalProperties : undefined);
      i++;
    } else if (token === 'patternProperties' && next !== undefined) {
      steps.push({ key: samplePattern(next) ?? EXTRA_PROPERTY });
      node = member(here.patternProperties, next);
      i++;
    } else if (token === 'additionalProperties' || token === 'unevaluatedProperties') {
      steps.push({ key: EXTRA_PROPERTY });
      node = here[token];
    } else if ((token === 'prefixItems' || token === 'items') && isIndex) {
      arrays.set(steps.length, here);
      steps.push({ index: Number(next) });
      node = declared(here, (n) => {
        const list = Array.isArray(n.prefixItems) ? n.prefixItems : n.items;
        return Array.isArray(list) ? list[Number(next)] : undefined;
      });
      i++;
    } else if (token === 'items' || token === 'additionalItems' || token === 'unevaluatedItems') {
      // The first slot after the tuple, if any.
      arrays.set(steps.length, here);
      steps.push({ index: tupleLength(here) });
      node = declared(here, (n) => (Array.isArray(n.items) ? n.additionalItems : n[token]));
    } else if (token === 'contains') {
      arrays.set(steps.length, here);
      steps.push({ index: 0 });
      node = here.contains;
    } else if (SAME_PLACE.has(token) && next !== undefined && /^(\*|\d+(,\d+)*)$/.test(next)) {
      // One change made in several branches is written `*` (every branch) or `0,2`: any of them will do.
      const list = here[token];
      node = Array.isArray(list) ? list[next === '*' ? 0 : Number(next.split(',')[0])] : undefined;
      if (token !== 'allOf' && node !== undefined) branches.push({ at: steps.length, node });
      i++;
    } else if (SAME_PLACE_SINGLE.has(token)) {
      node = here[token];
    } else if (token === 'dependentSchemas' && next !== undefined) {
      node = member(here.dependentSchemas, next);
      i++;
    } else break;
    if (node === undefined) {
      node = true;
      break;
    }
  }
  containers.length = steps.length;
  return { steps, node, arrays, containers, branches };
}

export function instanceSteps(root: unknown, pointer: string): Step[] {
  return walkPointer(root, pointer).steps;
}

function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The JSON pointer of a path into an instance (property names and array indexes). */
function pointerOf(path: readonly (string | number)[]): string {
  return path.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Fills slot `slot` of the array at step `at` (slots before the one a change is about); with no slot, makes
 * the value step `at` is taken in when the base lacks it (an optional object left out).
 */
type Pad = (at: number, slot?: number) => unknown;

/**
 * `base` with the value at `steps` replaced (or removed), parents made as needed, array slots before the
 * place filled by `pad`; `base` is not changed. Undefined when the place cannot be reached.
 */
function placeAt(base: unknown, steps: readonly Step[], value: Candidate, pad: Pad, offset = 0): unknown {
  if (steps.length === 0) return value === DELETE ? undefined : value;
  const [step, ...rest] = steps as [Step, ...Step[]];
  if (base === undefined) base = pad(offset);
  if ('key' in step) {
    const out: Record<string, unknown> = isObject(base) ? { ...base } : {};
    const current = Object.hasOwn(out, step.key) ? out[step.key] : undefined;
    const inner = placeAt(current, rest, value, pad, offset + 1);
    if (inner === undefined) delete out[step.key];
    else
      Object.defineProperty(out, step.key, {
        value: inner,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return out;
  }
  const list: unknown[] = Array.isArray(base) ? [...base] : [];
  if (step.index > MAX_LENGTH) return undefined;
  while (list.length < step.index) {
    const filler = list.length < MAX_LENGTH ? pad(offset, list.length) : undefined;
    if (filler === undefined) return undefined;
    list.push(filler);
  }
  const inner = placeAt(list[step.index], rest, value, pad, offset + 1);
  if (inner === undefined) {
    if (step.index < list.length) list.splice(step.index, 1);
  } else list[step.index] = inner;
  return list;
}

/** A value for one slot of an array node: its tuple slot's schema, or its items'. */
function slotValue(node: unknown, slot: number): unknown {
  if (!isObject(node)) return undefined;
  const tuple = Array.isArray(node.prefixItems)
    ? node.prefixItems
    : Array.isArray(node.items)
      ? node.items
      : [];
  const rest = Array.isArray(node.items) ? node.additionalItems : node.items;
  const made = generateRequest(slot < tuple.length ? tuple[slot] : (rest ?? true), 'minimal', {
    samples: new Map(),
  });
  return 'value' in made ? made.value : undefined;
}

function valueAt(base: unknown, steps: readonly Step[]): unknown {
  let value = base;
  for (const step of steps) {
    if ('key' in step)
      value = isObject(value) && Object.hasOwn(value, step.key) ? value[step.key] : undefined;
    else value = Array.isArray(value) ? value[step.index] : undefined;
    if (value === undefined) return undefined;
  }
  return value;
}

// ---- candidates -----------------------------------------------------------------------------------------

const TYPE_SAMPLES: readonly unknown[] = [
  null,
  true,
  0,
  1,
  -1,
  0.5,
  '',
  'x',
  'contractguard',
  [],
  {},
  '0',
  'A',
  '_',
  ' ',
  'a-b',
  'ü',
  [null],
  { [EXTRA_PROPERTY]: 'x' },
];
/** One value of each JSON type, for a `type` change. */
const TYPE_EXAMPLES: Readonly<Record<string, unknown>> = {
  null: null,
  boolean: true,
  integer: 1,
  number: 0.5,
  string: 'x',
  array: [],
  object: {},
};
const NUMERIC = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
const LENGTHS = ['minLength', 'maxLength'];
const COUNTS = ['minItems', 'maxItems', 'minContains', 'maxContains'];
const PROPERTY_COUNTS = ['minProperties', 'maxProperties'];

/** Candidate instances: `base` changed at the place, smallest and most telling changes first. */
function* candidatesAt(base: unknown, search: Search): Generator<unknown> {
  const { witnessNode, otherNode, args, pad } = search;
  const steps = search.walk.steps;
  yield base;
  const current = valueAt(base, steps);
  const values = [...localValues(current, witnessNode, otherNode, args)];
  for (const value of values) {
    const placed = placeAt(base, steps, value, pad);
    if (placed !== undefined) yield placed;
  }
  // A place inside a value the base does not have (an optional object left out): from its parents down.
  for (let depth = steps.length - 1; depth >= 1; depth--) {
    for (const value of values) {
      if (value === DELETE) continue;
      const inner = placeAt(undefined, steps.slice(depth), value, pad, depth);
      const placed = inner === undefined ? undefined : placeAt(base, steps.slice(0, depth), inner, pad);
      if (placed !== undefined) yield placed;
    }
  }
}

function* localValues(
  current: unknown,
  witnessNode: unknown,
  otherNode: unknown,
  args: Record<string, unknown>,
): Generator<Candidate> {
  if (current !== undefined) yield DELETE;
  // A place the base lacks (an optional object left out): this side's minimal value there comes first, and
  // the candidates below that change an object change that one.
  let here = current;
  if (current === undefined) {
    const made = generateRequest(witnessNode, 'minimal', { samples: new Map() });
    if ('value' in made) yield (here = made.value);
  }
  // Then what the change names: the property a `required` change is about left out, a value of each type a
  // `type` change adds or removes. Most searches end here, so the validators meet few other names (each
  // name a candidate brings makes the schemas compiled for the search larger: slice.ts).
  const named = args.name;
  if (typeof named === 'string' && isObject(here) && Object.hasOwn(here, named)) {
    const { [named]: _left, ...rest } = here;
    yield rest;
  }
  if (Array.isArray(args.types))
    for (const type of args.types.slice(0, 8))
      if (typeof type === 'string' && Object.hasOwn(TYPE_EXAMPLES, type)) yield TYPE_EXAMPLES[type];
  // Objects: one property more, one property less, each declared property set.
  if (isObject(current)) {
    yield { ...current, [EXTRA_PROPERTY]: 'x' };
    for (const node of [witnessNode, otherNode]) {
      if (!isObject(node)) continue;
      const extra = node.additionalProperties ?? node.unevaluatedProperties;
      if (isObject(extra)) {
        const made = generateRequest(extra, 'minimal', { samples: new Map() });
        if ('value' in made) yield { ...current, [EXTRA_PROPERTY]: made.value };
      }
      // A property another one depends on, set alone.
      for (const keyword of ['dependentRequired', 'dependentSchemas', 'dependencies']) {
        const map = node[keyword];
        if (!isObject(map)) continue;
        for (const [name, needs] of Object.entries(map).slice(0, 16)) {
          yield { ...current, [name]: 'x' };
          // With what this side requires alongside it (and nothing more).
          if (node === witnessNode && Array.isArray(needs))
            yield { ...current, [name]: 'x', ...Object.fromEntries(needs.map((n) => [String(n), 'x'])) };
        }
      }
    }
    for (const name of Object.keys(current)) {
      const { [name]: _dropped, ...rest } = current;
      yield rest;
    }
  }
  for (const key of ['value', 'values', 'name', 'was', 'now', 'old', 'new'] as const) {
    const arg = args[key];
    if (Array.isArray(arg)) yield* arg.slice(0, 16);
    else if (arg !== undefined && key === 'value') yield arg;
  }
  for (const node of [witnessNode, otherNode]) {
    if (!isObject(node)) continue;
    if (Array.isArray(node.enum)) yield* node.enum.slice(0, 32);
    if ('const' in node) yield node.const;
    for (const keyword of NUMERIC) {
      const bound = node[keyword];
      if (typeof bound === 'number' && Number.isFinite(bound))
        yield* [bound, bound - 1, bound + 1, bound - 0.5, bound + 0.5];
    }
    const step = node.multipleOf;
    if (typeof step === 'number' && step > 0) yield* [step, step / 2, step * 1.5, 1];
    const sample = stringSample(node);
    for (const keyword of LENGTHS) {
      const bound = node[keyword];
      if (typeof bound === 'number' && bound <= MAX_LENGTH)
        for (const n of [bound, bound - 1, bound + 1]) if (n >= 0) yield resize(sample, n);
    }
    const item = itemSample(node);
    for (const keyword of COUNTS) {
      const bound = node[keyword];
      if (typeof bound === 'number' && bound <= MAX_LENGTH)
        for (const n of [bound, bound - 1, bound + 1])
          if (n >= 0) yield Array.from({ length: n }, () => item);
    }
    if (node.uniqueItems === true) yield [item, item];
    // Arrays one slot longer than a tuple or a bound, each slot from its own schema.
    const lengths = [tupleLength(node) + 1, typeof node.maxItems === 'number' ? node.maxItems + 1 : 0];
    for (const n of lengths) {
      if (n <= 0 || n > MAX_LENGTH || !isObject(witnessNode)) continue;
      const slots = Array.from({ length: n }, (_, i) => slotValue(witnessNode, i));
      if (slots.every((v) => v !== undefined)) yield slots;
    }
    const start = isObject(current) ? current : {};
    for (const keyword of PROPERTY_COUNTS) {
      const bound = node[keyword];
      if (typeof bound === 'number' && bound <= 64)
        for (const n of [bound, bound - 1, bound + 1]) {
          const names = Object.keys(start).slice(0, Math.max(n, 0));
          const fill = Array.from({ length: Math.max(n - names.length, 0) }, (_, i) => [`p${i}`, 'x']);
          if (n >= 0)
            yield {
              ...Object.fromEntries(names.map((k) => [k, start[k]])),
              ...Object.fromEntries(fill),
            };
        }
    }
  }
  // Each declared property set (after the values above: each brings a name the validators compile for).
  for (const node of [witnessNode, otherNode]) {
    if (!isObject(node) || !isObject(node.properties)) continue;
    for (const [name, sub] of Object.entries(node.properties).slice(0, 32)) {
      const made = generateRequest(sub, 'minimal', { samples: new Map() });
      if (!('value' in made)) continue;
      const start = isObject(here) ? here : {};
      yield { ...start, [name]: made.value };
    }
  }
  for (const variant of ['minimal', 'full'] as const) {
    const made = generateRequest(witnessNode, variant, { samples: new Map() });
    if ('value' in made) yield made.value;
  }
  if (isObject(witnessNode)) {
    for (const keyword of ['anyOf', 'oneOf'] as const) {
      const branches = witnessNode[keyword];
      if (!Array.isArray(branches)) continue;
      for (const branch of branches.slice(0, 16)) {
        const made = generateRequest(branch, 'minimal', { samples: new Map() });
        if ('value' in made) yield made.value;
      }
    }
  }
  yield* TYPE_SAMPLES;
}

function stringSample(node: Record<string, unknown>): string {
  if (typeof node.pattern === 'string') return samplePattern(node.pattern) ?? 'x';
  return 'x';
}

/** `sample` cut or padded (with its last character) to `n` characters. */
function resize(sample: string, n: number): string {
  if (sample.length >= n) return sample.slice(0, n);
  return sample + (sample.at(-1) ?? 'x').repeat(n - sample.length);
}

function itemSample(node: Record<string, unknown>): unknown {
  const made = generateRequest(node.items ?? true, 'minimal', { samples: new Map() });
  return 'value' in made ? made.value : 'x';
}
