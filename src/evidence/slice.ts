/**
 * Validators cut to the instances they meet. Compiling a large schema (a 2,000-property response) costs
 * ajv far more than the whole diff, while a counterexample search only ever validates a few small instances
 * (at most `MAX_VALUE_CHARS` of JSON each). The validity of an instance depends only on the `properties`
 * entries whose names it has: an entry for a name the instance lacks is never evaluated (`additionalProperties`
 * and `unevaluatedProperties` only look at the names present). So a schema is compiled with its `properties`
 * maps cut to the names the instances met so far have at each place (`Shape`), and recompiled whenever an
 * instance brings a name the cut left out. Every other keyword is kept as it is, so the cut schema decides
 * exactly as the whole one on every instance it is used for: the instances are still verified with ajv against
 * both schemas, only the parts no instance can reach are left out of the compiled code.
 */
import { performance } from 'node:perf_hooks';

import { compileResolved, validateWith, type ValidationError } from '../consumers/validator.js';
import type { ResolvedSchema, SchemaValue } from '../schema/types.js';
import { draftOf, isPlainObject, keywordKind, type JsonObject } from '../schema/wellformed.js';

/** What a validator answers: the instance's errors (empty when valid), or undefined when it cannot tell. */
export type Validator = (value: unknown) => ValidationError[] | undefined;

/** A schema graph with more object nodes than this is cut to the instances; a smaller one compiles whole. */
export const CUT_ABOVE_NODES = 120;
/** Errors kept per validation. */
const ERROR_LIMIT = 20;

/**
 * What the instances met so far have, place by place: at each object, the names (with what is under each);
 * in each array, all items together; and, for deciding union branches, the scalar values seen at the place
 * and whether anything else (an object, an array; anything but an object, for `nonObject`) was.
 */
interface Shape {
  keys: Map<string, Shape>;
  item?: Shape;
  /** JSON texts of the scalar values seen here. */
  values: Set<string>;
  /** An object or array was seen here. */
  complex: boolean;
  /** A value other than an object was seen here. */
  nonObject: boolean;
  /** A cut decided something from `values`, `complex` or `nonObject` here: a change there needs a recompile. */
  decisive: boolean;
}

function newShape(): Shape {
  return { keys: new Map(), values: new Set(), complex: false, nonObject: false, decisive: false };
}

/** Adds what `value` has to `shape`; whether the validator compiled for the shape so far may not do for it. */
function extend(shape: Shape, value: unknown): boolean {
  let grew = false;
  const note = (changed: boolean): void => {
    if (changed && shape.decisive) grew = true;
  };
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isObject && !shape.nonObject) note((shape.nonObject = true));
  if (typeof value === 'object' && value !== null) {
    if (!shape.complex) note((shape.complex = true));
  } else {
    const text = JSON.stringify(value) ?? 'undefined';
    if (!shape.values.has(text)) {
      shape.values.add(text);
      note(true);
    }
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && shape.item === undefined) {
      shape.item = newShape();
      grew = true;
    }
    for (const item of value) if (shape.item && extend(shape.item, item)) grew = true;
    return grew;
  }
  if (!isObject) return grew;
  for (const [key, sub] of Object.entries(value)) {
    let child = shape.keys.get(key);
    if (child === undefined) {
      child = newShape();
      shape.keys.set(key, child);
      grew = true;
    }
    if (extend(child, sub)) grew = true;
  }
  return grew;
}

/**
 * Whether `branch` rejects every instance met at the place `shape` describes, by a required property whose
 * `const` (or `enum`) none of them has there: the usual tagged union (`kind: { const: "event_4" }`). Only
 * when every value met there is an object (`required` and `properties` apply to objects only) or the branch
 * admits objects only (`type: object`). Marks what
 * the decision read, so that an instance bringing something new there recompiles.
 */
function rejectsAll(branch: unknown, shape: Shape): boolean {
  if (!isPlainObject(branch)) return false;
  const { required, properties, type } = branch;
  // Values other than objects: rejected by the branch's `type: object`, or the branch says nothing of them.
  const objectsOnly = type === 'object' || (Array.isArray(type) && type.length === 1 && type[0] === 'object');
  if (shape.nonObject && !objectsOnly) return false;
  if (!Array.isArray(required) || !isPlainObject(properties)) return false;
  for (const name of required) {
    if (typeof name !== 'string' || !Object.hasOwn(properties, name)) continue;
    const sub = properties[name];
    if (!isPlainObject(sub)) continue;
    const allowed = 'const' in sub ? [sub.const] : Array.isArray(sub.enum) ? sub.enum : undefined;
    if (allowed === undefined || !allowed.every((v) => v === null || typeof v !== 'object')) continue;
    const child = shape.keys.get(name);
    shape.decisive = true;
    // No instance has the name here: `required` rejects them all.
    if (child === undefined) return true;
    child.decisive = true;
    if (child.complex) continue;
    const texts = new Set(allowed.map((v) => JSON.stringify(v)));
    if (![...child.values].some((t) => texts.has(t))) return true;
  }
  return false;
}

/** Keywords whose subschemas apply to the items of an array. */
const ITEM_KEYWORDS = new Set(['items', 'prefixItems', 'additionalItems', 'unevaluatedItems', 'contains']);
/** Keywords whose subschemas apply to the same value as the node. */
const SAME_VALUE_KEYWORDS = new Set([
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependencies',
]);

/** The place inside arrays no instance has: never evaluated (and never extended: `extend` makes its own). */
const NO_NAMES: Shape = newShape();

/**
 * `node` with every `properties` map cut to the names `shape` has there, through the keywords that lead to
 * the same value or to array items; every other keyword (and the subschemas of names not tracked, such as
 * `additionalProperties`) kept as it is. Shared and cyclic nodes stay shared per (node, shape).
 */
function cut(node: unknown, shape: Shape, memo: Map<Shape, Map<object, JsonObject>>): unknown {
  if (!isPlainObject(node)) return node;
  let byNode = memo.get(shape);
  if (byNode === undefined) memo.set(shape, (byNode = new Map()));
  const done = byNode.get(node);
  if (done !== undefined) return done;
  const out: JsonObject = {};
  byNode.set(node, out);
  const items = shape.item ?? NO_NAMES;
  for (const [key, value] of Object.entries(node)) {
    let kept: unknown = value;
    if (key === 'properties' && isPlainObject(value)) {
      const map: JsonObject = {};
      for (const [name, sub] of Object.entries(value)) {
        const child = shape.keys.get(name);
        if (child !== undefined) setOwn(map, name, cut(sub, child, memo));
        // ajv's code reads `data[name]`, which finds Object.prototype's members on a plain object: kept, so
        // that the cut decides as the whole schema does even on one (asJsonInstance makes none).
        else if (name in Object.prototype) setOwn(map, name, sub);
      }
      kept = map;
    } else if (ITEM_KEYWORDS.has(key)) {
      kept = Array.isArray(value) ? value.map((v) => cut(v, items, memo)) : cut(value, items, memo);
    } else if (SAME_VALUE_KEYWORDS.has(key)) {
      const kind = keywordKind(key);
      if (kind === 'schemaArray' && Array.isArray(value)) {
        // A union branch no instance met here can match is left out (an `allOf` part never is).
        const branches =
          key === 'anyOf' || key === 'oneOf' ? value.filter((v) => !rejectsAll(v, shape)) : value;
        kept = branches.length > 0 ? branches.map((v) => cut(v, shape, memo)) : [false];
      } else if ((kind === 'schemaMap' || kind === 'dependencies') && isPlainObject(value)) {
        const map: JsonObject = {};
        for (const [name, sub] of Object.entries(value))
          setOwn(map, name, Array.isArray(sub) ? sub : cut(sub, shape, memo));
        kept = map;
      } else if (kind === 'schema') kept = cut(value, shape, memo);
    }
    setOwn(out, key, kept);
  }
  return out;
}

function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Object nodes in the graph, counted up to `limit`. */
function countNodes(root: SchemaValue, limit: number): number {
  if (!isPlainObject(root)) return 0;
  const seen = new Set<object>([root]);
  const stack: unknown[] = [root];
  while (stack.length > 0 && seen.size <= limit) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const v of node) stack.push(v);
      continue;
    }
    if (!isPlainObject(node)) continue;
    for (const value of Object.values(node)) {
      if (typeof value !== 'object' || value === null || seen.has(value)) continue;
      if (!Array.isArray(value)) seen.add(value);
      stack.push(value);
    }
  }
  return seen.size;
}

/**
 * A validator for the schema; undefined when it cannot be compiled. `prepare` tells it about instances it
 * will meet (so that one compilation serves them all); a large schema is compiled cut to them.
 */
export interface SlicedValidator {
  validate: Validator;
  prepare(values: Iterable<unknown>): void;
}

/**
 * Milliseconds spent compiling validators in this process so far: a search's time limit leaves them out (a
 * busy machine must not change which instance a search finds, only how long it takes).
 */
let compiling = 0;
export function compileMilliseconds(): number {
  return compiling;
}

function timedCompile(schema: ResolvedSchema): ReturnType<typeof compileResolved> {
  const start = performance.now();
  try {
    return compileResolved(schema);
  } finally {
    compiling += performance.now() - start;
  }
}

const FALSE_ERROR: ValidationError[] = [
  { instancePath: '', keyword: 'false schema', message: 'is not allowed' },
];

export function slicedValidator(
  schema: ResolvedSchema,
  { cutAbove = CUT_ABOVE_NODES }: { cutAbove?: number } = {},
): SlicedValidator | undefined {
  // `true` admits every value and `false` none; compileResolved does not take a boolean root.
  const root = schema.root;
  if (typeof root === 'boolean') return { validate: () => (root ? [] : FALSE_ERROR), prepare: () => {} };
  const draft = draftOf(root.$schema, 'unknown');
  // Draft-07 and older roots pick their ajv class by the keywords the whole graph uses: compiled whole.
  const cuttable = draft === 'unknown' || draft === '2019-09' || draft === '2020-12';
  if (!cuttable || countNodes(root, cutAbove) <= cutAbove) {
    const compiled = timedCompile(schema);
    if ('error' in compiled) return undefined;
    return {
      validate: (value) => answer(validateWith(compiled, asJsonInstance(value), ERROR_LIMIT)),
      prepare: () => {},
    };
  }
  const shape = newShape();
  let compiled: ReturnType<typeof compileResolved> | undefined;
  const prepare = (values: Iterable<unknown>): void => {
    for (const value of values) if (extend(shape, value)) compiled = undefined;
  };
  const validate: Validator = (value) => {
    prepare([value]);
    compiled ??= timedCompile({ ...schema, root: cut(root, shape, new Map()) as SchemaValue });
    if ('error' in compiled) return undefined;
    return answer(validateWith(compiled, asJsonInstance(value), ERROR_LIMIT));
  };
  return { validate, prepare };
}

/**
 * `value` as JSON means it: a copy whose objects have no prototype. ajv's code reads `data.constructor` for a
 * schema's `properties.constructor` and finds Object.prototype's member on any plain object (`{}` fails
 * `properties: { constructor: false }`); on this copy it finds only the instance's own properties.
 */
export function asJsonInstance(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asJsonInstance);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.create(null) as JsonObject;
  for (const [key, sub] of Object.entries(value)) setOwn(out, key, asJsonInstance(sub));
  return out;
}

function answer(errors: ValidationError[] | { error: string }): ValidationError[] | undefined {
  return 'error' in errors ? undefined : errors;
}
