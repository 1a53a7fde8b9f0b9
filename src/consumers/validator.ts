/**
 * JSON Schema validation of consumer fixtures with ajv, from resolved schemas.
 *
 * A `ResolvedSchema` has every `$ref` inlined, so a recursive schema is a cyclic object graph, which ajv
 * cannot compile. It is re-serialised into one self-contained document: every schema node reached from more
 * than one place (which includes every cycle) becomes a `$defs` entry referred to by `$ref`, and only
 * keywords of the JSON Schema vocabularies are kept (identifiers and anchors are dropped: nothing refers to
 * them any more). The result therefore means exactly what the diff engine compared.
 *
 * The ajv class follows the root's `$schema`: draft-04/06/07 → `Ajv`, 2019-09 → `Ajv2019`, 2020-12 or none
 * → `Ajv2020`. Nodes from documents of another draft are translated by shape (`items: [...]` tuples and
 * `prefixItems`, `dependencies` and `dependentRequired`/`dependentSchemas`, draft-04 boolean exclusive
 * bounds); a draft-07 root whose graph uses 2019-09 keywords is compiled as 2019-09.
 *
 * Safety: schemas come from untrusted PRs. ajv generates code from them (names and values are quoted by its
 * code generator); nothing else of theirs runs. `pattern`, `patternProperties` and the like are matched by
 * RE2 (re2js), in linear time; a pattern RE2 cannot express (lookaround, backreferences) makes the schema
 * unusable for validation, reported as such. Formats come from ajv-formats.
 */
import { isDeepStrictEqual } from 'node:util';

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { RE2JS } from 're2js';
import type { ResolvedSchema, SchemaValue } from '../schema/types.js';
import {
  draftOf,
  isPlainObject,
  keywordKind,
  KNOWN_KEYWORDS,
  type JsonObject,
} from '../schema/wellformed.js';

export type AjvDraft = 'draft-07' | '2019-09' | '2020-12';

/** A compiled schema, or why the schema cannot be used for validation. */
export type Compiled = { validate: ValidateFunction; draft: AjvDraft } | { error: string };

export interface ValidationError {
  /** JSON pointer into the instance. */
  instancePath: string;
  /** JSON pointer into the serialised schema (for debugging; not a source position). */
  keyword: string;
  message: string;
}

/** Matches with RE2: linear time whatever the pattern. */
const re2Engine: RegExpEngine = Object.assign(
  (pattern: string, _flags: string) => {
    const re = RE2JS.compile(pattern);
    // ajv shares compiled patterns between schemas by `toString()`: it must name the pattern.
    const key = `re2:${JSON.stringify(pattern)}`;
    return { test: (s: string) => re.matcher(s).find(), toString: () => key };
  },
  { code: 're2' },
);

type AnyAjv = Ajv | Ajv2019 | Ajv2020;
/**
 * Schemas an ajv instance compiles before it is replaced. `removeSchema` empties ajv's cache, but the
 * instance's code scope keeps every compiled schema's values and names: it grows by about 0.2 MB a schema,
 * and each compile gets slower as it grows (a long bot process, or a counterexample search compiling cut
 * schemas, would pay both). The validators already made keep working: each holds its own scope.
 */
const COMPILES_PER_INSTANCE = 16;
const instances = new Map<AjvDraft, { ajv: AnyAjv; compiles: number }>();

function ajvFor(draft: AjvDraft): AnyAjv {
  const current = instances.get(draft);
  if (current !== undefined && current.compiles < COMPILES_PER_INSTANCE) {
    current.compiles++;
    return current.ajv;
  }
  const options = {
    strict: false,
    allErrors: true,
    logger: false as const,
    validateFormats: true,
    // Each schema is compiled once per run and then meets a handful of instances (fixtures, counterexample
    // candidates, verify responses): ajv's code optimisation passes cost more than they save here (a flat
    // 400-property pair compiles in about half the time without them).
    code: { regExp: re2Engine, optimize: false },
    // The schemas come from the resolver, which has checked every keyword's shape (checkKeywords), and
    // `serialise` keeps only known keywords: ajv's own check against the JSON Schema meta-schema would
    // only repeat it, and compiling that meta-schema is most of the first compile of a run (≈ 0.1–0.3 s of
    // a `contractguard diff` that searches counterexamples). Nothing refers to a meta-schema (`$schema`
    // is dropped), so none is added either.
    validateSchema: false,
    meta: false,
    // JSON data has only own properties: without this, `required: ["constructor"]` would be met by `{}`
    // (ajv reads `data.constructor`, inherited from Object.prototype) and `properties: {toString: false}`
    // would reject it.
    ownProperties: true,
    // ajv's default `multipleOf` check compares the quotient with its `parseInt`, which reads `1e+21` and
    // larger as 1 (and 0.3 / 0.1 = 2.9999999999999996 as 2): -1e308 was no multiple of 1. Rounding the
    // quotient instead, with a tolerance of 1e-9 for decimal divisors, judges numbers as numbers.
    multipleOfPrecision: 9,
  };
  const ajv =
    draft === 'draft-07'
      ? new Ajv(options)
      : draft === '2019-09'
        ? new Ajv2019(options)
        : new Ajv2020(options);
  addFormats.default(ajv);
  instances.set(draft, { ajv, compiles: 1 });
  return ajv;
}

const compiled = new WeakMap<object, Compiled>();
const BOOLEAN_SCHEMAS = new Map<boolean, Compiled>();

/** The validator of a resolved schema: compiled once per resolved root. */
export function compileResolved(schema: ResolvedSchema): Compiled {
  const root = schema.root;
  const cache = typeof root === 'boolean' ? undefined : compiled.get(root);
  if (cache !== undefined) return cache;
  if (typeof root === 'boolean' && BOOLEAN_SCHEMAS.has(root)) return BOOLEAN_SCHEMAS.get(root) as Compiled;
  let result: Compiled;
  try {
    const draft = targetDraft(root);
    const document = serialise(root, draft);
    const ajv = ajvFor(draft);
    const validate = ajv.compile(document);
    // The validator keeps working; ajv's own cache would otherwise grow with every schema of a long process.
    ajv.removeSchema(document);
    result = { validate, draft };
  } catch (error) {
    result = { error: compileError(error) };
  }
  if (typeof root === 'boolean') BOOLEAN_SCHEMAS.set(root, result);
  else compiled.set(root, result);
  return result;
}

function compileError(error: unknown): string {
  if (error instanceof RangeError) return 'the schema is nested too deeply to compile a validator';
  const message = error instanceof Error ? error.message : String(error);
  if (/regular expression|regexp|pattern|invalid|missing/i.test(message) && /RE2|re2|syntax/i.test(message))
    return `a pattern cannot be matched in linear time (RE2 syntax only: no lookaround or backreferences): ${message}`;
  return message;
}

/** Validates `data`: the first `limit` errors, or an empty list. */
export function validateWith(
  compiledSchema: { validate: ValidateFunction },
  data: unknown,
  limit = 5,
): ValidationError[] | { error: string } {
  try {
    if (compiledSchema.validate(data)) return [];
  } catch (error) {
    return {
      error: error instanceof RangeError ? 'the data is nested too deeply to validate' : String(error),
    };
  }
  return pickErrors(compiledSchema.validate.errors ?? [], limit);
}

/** The most specific errors: branch failures of anyOf/oneOf are summarised by their combinator. */
function pickErrors(errors: ErrorObject[], limit: number): ValidationError[] {
  const seen = new Set<string>();
  const out: ValidationError[] = [];
  for (const e of errors) {
    const message = describeError(e);
    const key = `${e.instancePath}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ instancePath: e.instancePath, keyword: e.keyword, message });
    if (out.length >= limit) break;
  }
  return out;
}

function describeError(e: ErrorObject): string {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `is missing required property \`${String(params.missingProperty)}\``;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `has property \`${String(params.additionalProperty ?? params.unevaluatedProperty)}\`, which is not allowed`;
    case 'enum':
      return `must be one of ${JSON.stringify(params.allowedValues)}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'false schema':
      return 'is not allowed here';
    default:
      return e.message ?? `fails \`${e.keyword}\``;
  }
}

// ---- draft and serialisation ----------------------------------------------------------------------------

/** Keywords only 2019-09 and later have: a draft-07 class would ignore them. */
const LATER_KEYWORDS = new Set([
  'unevaluatedProperties',
  'unevaluatedItems',
  'minContains',
  'maxContains',
  'dependentRequired',
  'dependentSchemas',
  'prefixItems',
]);

const DROPPED = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$defs',
  'definitions',
  '$comment',
  '$vocabulary',
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
]);

function targetDraft(root: SchemaValue): AjvDraft {
  const draft = typeof root === 'object' ? draftOf(root.$schema, 'unknown') : 'unknown';
  if (draft === '2019-09') return '2019-09';
  if (draft === 'draft-04' || draft === 'draft-06' || draft === 'draft-07') {
    return usesLaterKeywords(root) ? '2019-09' : 'draft-07';
  }
  return '2020-12';
}

/** Schema-valued children of a node (not `$defs`: every `$ref` is inlined, so they add nothing). */
function* children(node: JsonObject): Generator<unknown> {
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || !KNOWN_KEYWORDS.has(key)) continue;
    switch (keywordKind(key)) {
      case 'schema':
        yield value;
        break;
      case 'schemaMap':
        if (isPlainObject(value)) yield* Object.values(value);
        break;
      case 'schemaArray':
        if (Array.isArray(value)) yield* value;
        break;
      case 'items':
        if (Array.isArray(value)) yield* value;
        else yield value;
        break;
      case 'dependencies':
        if (isPlainObject(value)) for (const v of Object.values(value)) if (!Array.isArray(v)) yield v;
        break;
      default:
        break;
    }
  }
}

function schemaNodes(root: SchemaValue): JsonObject[] {
  const out: JsonObject[] = [];
  if (!isPlainObject(root)) return out;
  const seen = new Set<object>([root]);
  const stack: JsonObject[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as JsonObject;
    out.push(node);
    for (const child of children(node)) {
      if (isPlainObject(child) && !seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  return out;
}

function usesLaterKeywords(root: SchemaValue): boolean {
  return schemaNodes(root).some((node) => Object.keys(node).some((k) => LATER_KEYWORDS.has(k)));
}

/**
 * The graph as one acyclic JSON document: nodes with more than one incoming edge (every cycle has one)
 * are emitted once under `$defs` (`definitions` for draft-07) and referred to by `$ref`.
 */
export function serialise(root: SchemaValue, draft: AjvDraft): SchemaValue {
  if (!isPlainObject(root)) return root;
  const incoming = new Map<object, number>([[root, 1]]);
  for (const node of schemaNodes(root)) {
    for (const child of children(node)) {
      if (isPlainObject(child)) incoming.set(child, (incoming.get(child) ?? 0) + 1);
    }
  }
  const defsKey = draft === 'draft-07' ? 'definitions' : '$defs';
  const names = new Map<object, string>();
  for (const [node, count] of incoming) {
    if (node !== root && count > 1) names.set(node, `n${names.size}`);
  }
  const defs: JsonObject = {};
  const ref = (node: unknown): unknown => {
    if (!isPlainObject(node)) return node;
    if (node === root) return { $ref: '#' };
    const name = names.get(node);
    return name === undefined ? emit(node) : { $ref: `#/${defsKey}/${name}` };
  };
  const emit = (node: JsonObject): JsonObject => translate(node, draft, ref);
  const document = emit(root);
  for (const [node, name] of names) defs[name] = emit(node as JsonObject);
  if (names.size > 0) document[defsKey] = defs;
  return document;
}

/**
 * `target[key] = value` as an own property: keys here are property names from schema files, and assigning
 * `__proto__` to a plain object would swap its prototype instead of adding the entry.
 */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** `Object.assign` through `setOwn`. */
function assignOwn(target: JsonObject, source: object): void {
  for (const [key, value] of Object.entries(source)) setOwn(target, key, value);
}

/** One node, with its subschemas through `ref`, in the shapes `draft` reads. */
function translate(node: JsonObject, draft: AjvDraft, ref: (child: unknown) => unknown): JsonObject {
  const out: JsonObject = {};
  const dependencies: JsonObject = {};
  const tuples = draft !== '2020-12';
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || !KNOWN_KEYWORDS.has(key)) continue;
    switch (keywordKind(key)) {
      case 'schema':
        if (key === 'additionalItems') {
          // Only meaningful next to a tuple `items`; handled there.
          if (Array.isArray(node.items)) {
            if (tuples) out.additionalItems = ref(value);
            else out.items = ref(value);
          }
        } else out[key] = ref(value);
        break;
      case 'schemaMap':
        if (isPlainObject(value)) {
          const map = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ref(v)]));
          if (key === 'dependentSchemas' && draft === 'draft-07') assignOwn(dependencies, map);
          else out[key] = map;
        }
        break;
      case 'schemaArray':
        if (Array.isArray(value)) {
          const list = value.map(ref);
          if (key === 'prefixItems' && tuples) {
            out.items = list;
            if (node.items !== undefined) out.additionalItems = ref(node.items);
          } else out[key] = list;
        }
        break;
      case 'items':
        if (Array.isArray(value)) {
          if (tuples) out.items = value.map(ref);
          else out.prefixItems = value.map(ref);
        } else if (!(tuples && Array.isArray(node.prefixItems))) {
          if (!('items' in out)) out.items = ref(value);
        }
        break;
      case 'dependencies':
        if (isPlainObject(value)) {
          for (const [k, v] of Object.entries(value)) setOwn(dependencies, k, Array.isArray(v) ? v : ref(v));
        }
        break;
      default:
        if (key === 'dependentRequired' && draft === 'draft-07') {
          if (isPlainObject(value)) assignOwn(dependencies, value);
        } else if ((key === 'exclusiveMaximum' || key === 'exclusiveMinimum') && typeof value === 'boolean') {
          // Draft-04: a boolean that makes `maximum`/`minimum` exclusive.
          const bound = key === 'exclusiveMaximum' ? 'maximum' : 'minimum';
          if (value && typeof node[bound] === 'number') out[key] = node[bound];
        } else out[key] = value;
    }
  }
  // Draft-04 exclusive bounds replace the inclusive one they qualify.
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') delete out.maximum;
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') delete out.minimum;
  if (Object.keys(dependencies).length > 0) out.dependencies = dependencies;
  if (node.nullable === true) admitNull(out);
  return out;
}

/**
 * OpenAPI 3.0's `nullable: true`, read as the classifier reads it (src/diff/normalize.ts `copyAssertions`):
 * null joins the node's `type` and the values its `enum` and `const` allow together; every other keyword
 * still applies to null. Without this, ajv (which does not know the keyword) would reject a null the
 * classifier takes as allowed, and a consumer fixture or a counterexample would contradict the verdict.
 */
function admitNull(out: JsonObject): void {
  if (out.type !== undefined) {
    const types = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.includes('null')) out.type = [...types, 'null'];
  }
  const lists: unknown[][] = [];
  if (Array.isArray(out.enum)) lists.push(out.enum);
  if ('const' in out) lists.push([out.const]);
  const [first, ...more] = lists;
  if (first === undefined) return;
  const allowed = first.filter((v) => more.every((list) => list.some((w) => isDeepStrictEqual(v, w))));
  if (!allowed.some((v) => v === null)) allowed.push(null);
  delete out.const;
  out.enum = allowed;
}
