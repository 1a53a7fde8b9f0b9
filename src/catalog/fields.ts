/**
 * A resolved JSON Schema as a field table: one row per field, nested objects and array items flattened into
 * paths (`customers[].email`). `allOf` parts are read together; the fields of `anyOf`/`oneOf` variants are
 * merged by path, marked with the variants that have them when not all do. Recursive schemas stop at the
 * field that repeats an ancestor. Schemas are untrusted: rows and depth are bounded.
 */
import { parsePointer } from '../schema/pointer.js';
import type { Json, ResolvedSchema, SchemaValue } from '../schema/types.js';
import { isPlainObject, type JsonObject } from '../schema/wellformed.js';
import type { FieldRow, FieldTable, FieldType } from './types.js';

/** More rows than anyone reads in a table; a generated schema can have thousands. */
export const MAX_ROWS = 400;
const MAX_DEPTH = 16;

const JSON_TYPES: readonly FieldType[] = [
  'null',
  'boolean',
  'integer',
  'number',
  'string',
  'array',
  'object',
];

/** Keywords shown as they are written, in this order. */
const FACETS = [
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'exclusiveMinimum',
  'maximum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
] as const;

/** One or more schema nodes that all apply (a node and its `allOf` parts), read together. */
interface Shape {
  /** undefined: no `type` anywhere (anything, or what `enum`/variants say). */
  types: Set<FieldType> | undefined;
  never: boolean;
  properties: Map<string, SchemaValue[]>;
  required: Set<string>;
  items: SchemaValue[];
  /** Schemas of properties not named (`additionalProperties`, `patternProperties`). */
  others: SchemaValue[];
  closed: boolean;
  variants: { name: string; schema: SchemaValue }[][];
  title?: string;
  description?: string;
  /** Annotations set by a node itself rather than an `allOf` part: parts no longer change them. */
  ownAnnotations: Set<'title' | 'description'>;
  facets: Record<string, Json>;
  definition?: string;
  /** The first node read: identifies the field's schema for recursion. */
  node?: object;
}

interface Walk {
  resolved: ResolvedSchema;
  rows: FieldRow[];
  truncated: boolean;
}

/** The field table of one resolved schema (the input or output of a major). */
export function fieldTable(resolved: ResolvedSchema): FieldTable {
  const walk: Walk = { resolved, rows: [], truncated: false };
  const shape = shapeOf([resolved.root], walk);
  descend(shape, [], new Map(), walk);
  const table: FieldTable = {
    file: resolved.file,
    types: typesOf(shape, walk),
    rows: walk.rows,
    closed: shape.closed,
  };
  if (shape.title !== undefined) table.title = shape.title;
  if (shape.description !== undefined) table.description = shape.description;
  if (walk.truncated) table.truncated = { shown: walk.rows.length };
  return table;
}

// ---- reading nodes ----------------------------------------------------------------------------------------

function emptyShape(): Shape {
  return {
    types: undefined,
    never: false,
    properties: new Map(),
    required: new Set(),
    items: [],
    others: [],
    closed: false,
    variants: [],
    ownAnnotations: new Set(),
    facets: {},
  };
}

function shapeOf(schemas: readonly SchemaValue[], walk: Walk): Shape {
  const shape = emptyShape();
  const seen = new Set<object>();
  for (const schema of schemas) read(schema, shape, seen, walk, true);
  return shape;
}

/** Adds what `schema` says to `shape`; `own` is false for `allOf` parts (their annotations yield). */
function read(schema: SchemaValue, shape: Shape, seen: Set<object>, walk: Walk, own: boolean): void {
  if (schema === false) {
    shape.never = true;
    return;
  }
  if (schema === true || !isPlainObject(schema) || seen.has(schema)) return;
  seen.add(schema);
  shape.node ??= schema;
  shape.definition ??= definitionName(schema, walk);

  const types = declaredTypes(schema);
  if (types !== undefined) {
    shape.types =
      shape.types === undefined
        ? types
        : new Set([...shape.types].filter((t) => types.has(t) || widens(t, types)));
  }
  annotate(shape, schema, own);
  for (const key of FACETS) {
    if (key in schema && !(key in shape.facets)) shape.facets[key] = schema[key] as Json;
  }

  if (isPlainObject(schema.properties)) {
    for (const [name, child] of Object.entries(schema.properties)) {
      if (!isSchemaValue(child)) continue;
      const list = shape.properties.get(name) ?? [];
      list.push(child);
      shape.properties.set(name, list);
    }
  }
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === 'string') shape.required.add(name);
  }
  for (const key of ['items', 'additionalItems', 'prefixItems'] as const) {
    const value = schema[key];
    if (isSchemaValue(value)) {
      if (key !== 'additionalItems' || value !== false) shape.items.push(value);
    } else if (Array.isArray(value)) shape.items.push(...value.filter(isSchemaValue));
  }
  if (schema.additionalProperties === false || schema.unevaluatedProperties === false) shape.closed = true;
  if (isPlainObject(schema.additionalProperties)) shape.others.push(schema.additionalProperties);
  if (isPlainObject(schema.patternProperties)) {
    shape.others.push(...Object.values(schema.patternProperties).filter(isSchemaValue));
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    shape.variants.push(
      branches.filter(isSchemaValue).map((branch, index) => ({
        name: (isPlainObject(branch) ? definitionName(branch, walk) : undefined) ?? `variant ${index + 1}`,
        schema: branch,
      })),
    );
  }
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) if (isSchemaValue(part)) read(part, shape, seen, walk, false);
  }
}

/** A node's own title and description win; among `allOf` parts the last one read (a `$ref`'s siblings) does. */
function annotate(shape: Shape, schema: JsonObject, own: boolean): void {
  for (const key of ['title', 'description'] as const) {
    const value = schema[key];
    if (typeof value !== 'string' || value.trim() === '' || shape.ownAnnotations.has(key)) continue;
    shape[key] = value;
    if (own) shape.ownAnnotations.add(key);
  }
}

function declaredTypes(schema: JsonObject): Set<FieldType> | undefined {
  const raw = schema.type;
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : undefined;
  if (list === undefined) return undefined;
  const types = new Set(list.filter((t): t is FieldType => JSON_TYPES.includes(t as FieldType)));
  if (schema.nullable === true) types.add('null'); // OpenAPI 3.0
  return types;
}

/** `integer` survives an intersection with `number`. */
function widens(type: FieldType, other: Set<FieldType>): boolean {
  return type === 'integer' && other.has('number');
}

function isSchemaValue(value: unknown): value is SchemaValue {
  return typeof value === 'boolean' || isPlainObject(value);
}

/** `Customer` for a node at `/$defs/Customer` (or `/definitions/Customer`) of its file. */
function definitionName(node: object, walk: Walk): string | undefined {
  const pointer = walk.resolved.origins.get(node)?.pointer;
  if (pointer === undefined) return undefined;
  const tokens = parsePointer(pointer);
  if (tokens?.length !== 2) return undefined;
  const [container, name] = tokens;
  return container === '$defs' || container === 'definitions' ? String(name) : undefined;
}

// ---- types -------------------------------------------------------------------------------------------------

/** What the shape admits: its declared types, else what its enum values or variants are. */
function typesOf(shape: Shape, walk: Walk): FieldType[] {
  if (shape.never) return ['never'];
  if (shape.types !== undefined) return ordered(shape.types);
  const values = enumValues(shape);
  if (values !== undefined) return ordered(new Set(values.map(jsonType)));
  if (shape.variants.length > 0) {
    const group = shape.variants[0] ?? [];
    const union = new Set<FieldType>();
    for (const { schema } of group) for (const t of typesOf(shapeOf([schema], walk), walk)) union.add(t);
    if (!union.has('any')) return ordered(union);
  }
  if (shape.properties.size > 0 || shape.others.length > 0) return ['object'];
  if (shape.items.length > 0) return ['array'];
  return ['any'];
}

function enumValues(shape: Shape): Json[] | undefined {
  if ('const' in shape.facets) return [shape.facets.const as Json];
  const values = shape.facets.enum;
  return Array.isArray(values) ? values : undefined;
}

function jsonType(value: Json): FieldType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as FieldType;
}

function ordered(types: Set<FieldType>): FieldType[] {
  const order: readonly FieldType[] = [...JSON_TYPES.filter((t) => t !== 'null'), 'any', 'never', 'null'];
  return order.filter((t) => types.has(t));
}

// ---- rows ---------------------------------------------------------------------------------------------------

type Steps = readonly string[];

/** Ancestors' schema nodes, with the path each is at: a node met again is recursion. */
type Ancestors = ReadonlyMap<object, string>;

function pathOf(steps: Steps): string {
  let out = '';
  for (const step of steps) out += step === '[]' ? '[]' : out === '' ? step : `.${step}`;
  return out;
}

/** Rows for what is inside `shape` (its properties, items, other properties and variants). */
function descend(shape: Shape, steps: Steps, ancestors: Ancestors, walk: Walk): void {
  if (steps.length > MAX_DEPTH) {
    walk.truncated = true;
    return;
  }
  const inner = new Map(ancestors);
  if (shape.node !== undefined && !inner.has(shape.node)) inner.set(shape.node, pathOf(steps));

  for (const [name, schemas] of shape.properties) {
    field(shapeOf(schemas, walk), [...steps, name], shape.required.has(name), inner, walk);
  }
  if (shape.others.length > 0) field(shapeOf(shape.others, walk), [...steps, '*'], false, inner, walk);
  if (shape.items.length > 0) {
    const items = shapeOf(shape.items, walk);
    const nested = typesOf(items, walk).includes('array');
    if (nested) field(items, [...steps, '[]'], true, inner, walk);
    else if (!recursion(items, [...steps, '[]'], true, inner, walk))
      descend(items, [...steps, '[]'], inner, walk);
  }
  for (const group of shape.variants) variants(group, steps, inner, walk);
}

/** One row for a field, then its nested fields. */
function field(shape: Shape, steps: Steps, required: boolean, ancestors: Ancestors, walk: Walk): void {
  if (recursion(shape, steps, required, ancestors, walk)) return;
  if (!push(row(shape, steps, required, walk), walk)) return;
  descend(shape, steps, ancestors, walk);
}

/** A field whose schema is an ancestor's: one row saying so, nothing below it. */
function recursion(shape: Shape, steps: Steps, required: boolean, ancestors: Ancestors, walk: Walk): boolean {
  const again = shape.node === undefined ? undefined : ancestors.get(shape.node);
  if (again === undefined) return false;
  push({ ...row(shape, steps, required, walk), recursive: again }, walk);
  return true;
}

function push(row: FieldRow, walk: Walk): boolean {
  if (walk.rows.length >= MAX_ROWS) {
    walk.truncated = true;
    return false;
  }
  walk.rows.push(row);
  return true;
}

function row(shape: Shape, steps: Steps, required: boolean, walk: Walk): FieldRow {
  const types = typesOf(shape, walk);
  const out: FieldRow = {
    path: pathOf(steps),
    depth: steps.filter((s) => s !== '[]').length - 1,
    types,
    required,
    facets: shape.facets,
  };
  if (shape.description !== undefined) out.description = shape.description;
  let definition = shape.definition;
  if (types.includes('array') && shape.items.length > 0) {
    const items = shapeOf(shape.items, walk);
    out.itemTypes = typesOf(items, walk);
    definition ??= items.definition;
  }
  if (definition !== undefined) out.definition = definition;
  if (shape.closed) out.facets = { ...out.facets, additionalProperties: false };
  return out;
}

/**
 * The fields of one `anyOf`/`oneOf`: each variant's rows, merged by path. A field is required only where
 * every variant requires it; one that only some variants have names them.
 */
function variants(
  group: { name: string; schema: SchemaValue }[],
  steps: Steps,
  ancestors: Ancestors,
  walk: Walk,
) {
  const perVariant = group.map(({ name, schema }) => {
    const sub: Walk = { resolved: walk.resolved, rows: [], truncated: false };
    descend(shapeOf([schema], sub), steps, ancestors, sub);
    if (sub.truncated) walk.truncated = true;
    return { name, rows: sub.rows };
  });
  const merged = new Map<string, { row: FieldRow; in: string[]; requiredEverywhere: boolean }>();
  for (const variant of perVariant) {
    for (const r of variant.rows) {
      const seen = merged.get(r.path);
      if (seen === undefined) {
        merged.set(r.path, { row: { ...r }, in: [variant.name], requiredEverywhere: r.required });
        continue;
      }
      seen.in.push(variant.name);
      seen.requiredEverywhere &&= r.required;
      seen.row = mergeRows(seen.row, r);
    }
  }
  // A variant with no fields (`null` beside an object) does not make the object's fields optional.
  const withFields = perVariant.filter((v) => v.rows.length > 0).length;
  for (const { row: r, in: names, requiredEverywhere } of merged.values()) {
    const all = names.length === withFields;
    const out: FieldRow = { ...r, required: all && requiredEverywhere };
    if (!all) out.variants = names;
    if (!push(out, walk)) return;
  }
}

/** The same path in two variants: types and enum values united, other facets kept where they agree. */
function mergeRows(a: FieldRow, b: FieldRow): FieldRow {
  const out: FieldRow = { ...a, types: ordered(new Set([...a.types, ...b.types])) };
  if (a.itemTypes !== undefined || b.itemTypes !== undefined) {
    out.itemTypes = ordered(new Set([...(a.itemTypes ?? []), ...(b.itemTypes ?? [])]));
  }
  if (a.definition !== b.definition) delete out.definition;
  out.description ??= b.description;
  const facets: Record<string, Json> = {};
  const values = (r: FieldRow): Json[] | undefined =>
    'const' in r.facets ? [r.facets.const as Json] : Array.isArray(r.facets.enum) ? r.facets.enum : undefined;
  const [va, vb] = [values(a), values(b)];
  if (va !== undefined && vb !== undefined) {
    const union = [...va];
    for (const v of vb) if (!union.some((u) => JSON.stringify(u) === JSON.stringify(v))) union.push(v);
    facets.enum = union;
  }
  for (const [key, value] of Object.entries(a.facets)) {
    if (key === 'const' || key === 'enum') continue;
    if (JSON.stringify(b.facets[key]) === JSON.stringify(value)) facets[key] = value;
  }
  out.facets = facets;
  return out;
}
