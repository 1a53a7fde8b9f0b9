/**
 * Reading a resolved input schema for request generation: what one place of the request must look like.
 * `allOf` parts are merged into one node (the stricter bound wins), so generators see properties, required
 * names, types and bounds in one place. Only what generation needs is merged; ajv has the last word on every
 * generated request (`requests.ts`), so a reading that is too loose here costs a skipped case, never a
 * request sent that the contract does not allow.
 */
import { isDeepStrictEqual } from 'node:util';

import { setOwn } from './fields.js';

export type Node = Record<string, unknown>;

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

const ALL_TYPES: readonly JsonType[] = ['object', 'array', 'string', 'integer', 'number', 'boolean', 'null'];

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const LOWER_BOUNDS = new Set(['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties']);
const UPPER_BOUNDS = new Set(['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties']);

/** `allOf` nesting deeper than this is not merged further (ajv still checks the result). */
const MAX_MERGE_DEPTH = 16;

/** The node at one place with its `allOf` parts merged in; `true`/`false` schemas as they are. */
export function flatten(schema: unknown, depth = 0): Node | boolean {
  if (typeof schema === 'boolean') return schema;
  if (!isNode(schema)) return true;
  const { allOf, ...own } = schema;
  if (!Array.isArray(allOf) || depth >= MAX_MERGE_DEPTH) return own;
  let merged: Node | boolean = own;
  for (const part of allOf) {
    const flat = flatten(part, depth + 1);
    merged = merge(merged, flat);
    if (merged === false) return false;
  }
  return merged;
}

function merge(a: Node | boolean, b: Node | boolean): Node | boolean {
  if (a === false || b === false) return false;
  if (a === true) return b;
  if (b === true) return a;
  const out: Node = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = Object.hasOwn(out, key) ? out[key] : undefined;
    if (mine === undefined) setOwn(out, key, value);
    else if (key === 'properties' && isNode(mine) && isNode(value)) {
      const properties: Node = { ...mine };
      for (const [name, sub] of Object.entries(value)) {
        const both = Object.hasOwn(properties, name) ? { allOf: [properties[name], sub] } : sub;
        setOwn(properties, name, both);
      }
      out.properties = properties;
    } else if (key === 'required' && Array.isArray(mine) && Array.isArray(value)) {
      out.required = [...new Set([...mine, ...value])];
    } else if (key === 'type') {
      const both = [...typesOf({ type: mine })].filter((t) => typesOf({ type: value }).has(t));
      out.type = both;
    } else if (key === 'enum' && Array.isArray(mine) && Array.isArray(value)) {
      out.enum = mine.filter((m) => value.some((v) => isDeepStrictEqual(m, v)));
    } else if (LOWER_BOUNDS.has(key) && typeof mine === 'number' && typeof value === 'number') {
      setOwn(out, key, Math.max(mine, value));
    } else if (UPPER_BOUNDS.has(key) && typeof mine === 'number' && typeof value === 'number') {
      setOwn(out, key, Math.min(mine, value));
    } else if (key === 'additionalProperties' && value === false) out.additionalProperties = false;
  }
  return out;
}

/** The JSON types a node allows (explicit `type`, or what its keywords imply); every type when unknown. */
export function typesOf(node: Node): Set<JsonType> {
  const declared = node.type;
  if (typeof declared === 'string' || Array.isArray(declared)) {
    const list = (Array.isArray(declared) ? declared : [declared]).filter((t): t is JsonType =>
      ALL_TYPES.includes(t as JsonType),
    );
    const set = new Set(list);
    if (set.has('number')) set.add('integer');
    return set;
  }
  if (Array.isArray(node.enum)) return new Set(node.enum.map(typeOfValue));
  if ('const' in node) return new Set([typeOfValue(node.const)]);
  if (['properties', 'required', 'additionalProperties', 'patternProperties'].some((k) => k in node))
    return new Set(['object']);
  if (['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'].some((k) => k in node))
    return new Set(['array']);
  if (['minLength', 'maxLength', 'pattern', 'format'].some((k) => k in node)) return new Set(['string']);
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in node))
    return new Set(['number', 'integer']);
  return new Set(ALL_TYPES);
}

export function typeOfValue(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  const t = typeof value;
  return t === 'number' || t === 'string' || t === 'boolean' ? t : 'object';
}

/** The branches of an `anyOf`/`oneOf` at this node (each merged with the node's own keywords), or none. */
export function branchesOf(node: Node): (Node | boolean)[] {
  const list = Array.isArray(node.anyOf) ? node.anyOf : Array.isArray(node.oneOf) ? node.oneOf : undefined;
  if (list === undefined) return [];
  const { anyOf: _anyOf, oneOf: _oneOf, ...own } = node;
  return list.map((branch) => merge(own, flatten(branch)));
}

/** Properties and required names of an object node. */
export function objectParts(node: Node): { properties: Record<string, unknown>; required: string[] } {
  const properties = isNode(node.properties) ? node.properties : {};
  const required = Array.isArray(node.required)
    ? node.required.filter((r): r is string => typeof r === 'string')
    : [];
  return { properties, required };
}

/** Whether an object node lets a property it does not name through. */
export function admitsUnknownProperties(node: Node): boolean {
  return (
    node.additionalProperties !== false &&
    node.unevaluatedProperties !== false &&
    !(isNode(node.propertyNames) || node.propertyNames === false)
  );
}
