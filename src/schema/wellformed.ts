import { SchemaError, type SchemaValue } from './types.js';
import { appendToken, shortenPointer } from './pointer.js';
import { closest } from './spelling.js';

/**
 * Shape checks for untrusted schema documents: the JSON-ness and depth of a parsed value (iterative, so a
 * hostile document cannot overflow the stack), and the well-formedness of one schema object's keywords.
 * Nothing here executes a schema regex; patterns are only compiled.
 */

export type JsonObject = { [key: string]: unknown };

/** The dialect a schema object is read in, from the nearest `$schema`. `unknown`: none, or not recognised. */
export type Draft = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12' | 'unknown';

export function isPlainObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isSchema(value: unknown): value is SchemaValue {
  return typeof value === 'boolean' || isPlainObject(value);
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Dialect named by a `$schema` value; a non-string keeps the inherited one. */
export function draftOf(schemaUri: unknown, inherited: Draft): Draft {
  if (typeof schemaUri !== 'string') return inherited;
  if (schemaUri.includes('draft-04')) return 'draft-04';
  if (schemaUri.includes('draft-06')) return 'draft-06';
  if (schemaUri.includes('draft-07')) return 'draft-07';
  if (schemaUri.includes('2019-09')) return '2019-09';
  if (schemaUri.includes('2020-12')) return '2020-12';
  return 'unknown';
}

/** Drafts up to 07 ignore every keyword next to `$ref`; later ones apply them alongside it. */
export function ignoresRefSiblings(draft: Draft): boolean {
  return draft === 'draft-04' || draft === 'draft-06' || draft === 'draft-07';
}

/** How the resolver copies a keyword's value: as subschemas (in one of these shapes) or as plain data. */
export type KeywordKind = 'schema' | 'schemaMap' | 'schemaArray' | 'items' | 'dependencies' | 'data';

const SCHEMA_KEYWORDS = new Set([
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contentSchema',
]);
const SCHEMA_MAP_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'dependentSchemas',
  '$defs',
  'definitions',
]);
const SCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

export function keywordKind(keyword: string): KeywordKind {
  if (SCHEMA_KEYWORDS.has(keyword)) return 'schema';
  if (SCHEMA_MAP_KEYWORDS.has(keyword)) return 'schemaMap';
  if (SCHEMA_ARRAY_KEYWORDS.has(keyword)) return 'schemaArray';
  if (keyword === 'items') return 'items';
  if (keyword === 'dependencies') return 'dependencies';
  return 'data';
}

const TYPE_NAMES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'];
const NUMBER_KEYWORDS = new Set(['maximum', 'minimum']);
const BOUND_KEYWORDS = new Set(['exclusiveMaximum', 'exclusiveMinimum']);
const COUNT_KEYWORDS = new Set([
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'maxProperties',
  'minProperties',
  'maxContains',
  'minContains',
]);
const STRING_KEYWORDS = new Set([
  '$ref',
  '$dynamicRef',
  '$recursiveRef',
  '$anchor',
  '$dynamicAnchor',
  '$schema',
  '$comment',
  'format',
  'title',
  'description',
  'contentEncoding',
  'contentMediaType',
]);
const BOOLEAN_KEYWORDS = new Set(['uniqueItems', '$recursiveAnchor', 'readOnly', 'writeOnly', 'deprecated']);

const OTHER_KEYWORDS = [
  'type',
  'enum',
  'const',
  'required',
  'dependentRequired',
  'multipleOf',
  'default',
  'examples',
  'dependencies',
  'items',
];

/** Keywords of the JSON Schema vocabularies (drafts 04 to 2020-12). Others are unknown: data, never schemas. */
export const KNOWN_KEYWORDS: ReadonlySet<string> = new Set([
  ...SCHEMA_KEYWORDS,
  ...SCHEMA_MAP_KEYWORDS,
  ...SCHEMA_ARRAY_KEYWORDS,
  ...NUMBER_KEYWORDS,
  ...BOUND_KEYWORDS,
  ...COUNT_KEYWORDS,
  ...STRING_KEYWORDS,
  ...BOOLEAN_KEYWORDS,
  ...OTHER_KEYWORDS,
  'pattern',
  '$id',
  '$vocabulary',
]);

/**
 * Keywords outside the JSON Schema vocabularies that schemas carry on purpose: OpenAPI's (`nullable` is
 * understood by the classifier; the others are annotations). Never taken for a misspelling.
 */
const ANNOTATION_KEYWORDS: ReadonlySet<string> = new Set([
  'nullable',
  'example',
  'discriminator',
  'xml',
  'externalDocs',
]);

const KNOWN_KEYWORD_LIST: readonly string[] = [...KNOWN_KEYWORDS];

/** An unknown keyword of a schema object that is most likely a typo of a known one. */
export interface MisspeltKeyword {
  /** The schema object that holds it (look its origin up in the resolved schema). */
  node: JsonObject;
  keyword: string;
  /** The known keyword it is closest to. */
  guess: string;
}

/**
 * Every keyword of every schema object in a schema graph (resolved or not; cycles are fine) that no draft
 * knows but that is a small typo away from one that does: `minLenght`, `requried`, `propertie`. JSON Schema
 * ignores unknown keywords, so such a typo silently drops the constraint it meant. Keys starting with `x-`
 * and OpenAPI's annotations are meant, never reported. Property names (below `properties`) are not keywords.
 */
export function misspeltKeywords(root: unknown): MisspeltKeyword[] {
  const found: MisspeltKeyword[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  const push = (value: unknown): void => {
    if (isPlainObject(value) && !seen.has(value)) stack.push(value);
  };
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isPlainObject(node) || seen.has(node)) continue;
    seen.add(node);
    for (const [keyword, value] of Object.entries(node)) {
      if (!KNOWN_KEYWORDS.has(keyword)) {
        if (keyword.startsWith('x-') || ANNOTATION_KEYWORDS.has(keyword)) continue;
        const guess = closest(keyword, KNOWN_KEYWORD_LIST);
        if (guess !== undefined) found.push({ node, keyword, guess });
        continue;
      }
      switch (keywordKind(keyword)) {
        case 'schema':
          push(value);
          break;
        case 'schemaMap':
        case 'dependencies':
          if (isPlainObject(value)) Object.values(value).forEach(push);
          break;
        case 'schemaArray':
        case 'items':
          if (Array.isArray(value)) value.forEach(push);
          else push(value);
          break;
        case 'data':
          break;
      }
    }
  }
  return found;
}

/** A value for a message: `number 5`, `string "abc"`, `null`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
    case 'number':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'object':
      return isPlainObject(value) ? 'an object' : 'a non-JSON object';
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof value}`;
  }
}

/** The kind of a value with an article: `a number`, `an array`, `null`. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return isPlainObject(value) ? 'an object' : 'a non-JSON object';
  if (typeof value === 'undefined') return 'undefined';
  return `a ${typeof value}`;
}

/**
 * Why `pattern` is not a regular expression, or `undefined` when it is. JSON Schema asks for ECMA-262 with
 * the unicode flag, but real schemas routinely use escapes only the non-unicode grammar allows (`\-`
 * outside a class), and validators accept them; so a pattern that compiles either way is accepted.
 * Never runs the regex.
 */
export function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch {
    // fall through to the lenient grammar
  }
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
  }
}

/** A problem in one schema object: where (tokens relative to that object) and what. */
export interface KeywordProblem {
  tokens: (string | number)[];
  message: string;
}

function problem(tokens: (string | number)[], what: string, value: unknown): KeywordProblem {
  return { tokens, message: `\`${tokens.join('/')}\` must be ${what}, found ${describeValue(value)}` };
}

function checkSchemaArray(keyword: string, value: unknown, nonEmpty: boolean): KeywordProblem | undefined {
  if (!Array.isArray(value) || (nonEmpty && value.length === 0)) {
    return problem([keyword], nonEmpty ? 'a non-empty array of schemas' : 'an array of schemas', value);
  }
  for (let i = 0; i < value.length; i++) {
    if (!isSchema(value[i])) return problem([keyword, i], 'a schema (object or boolean)', value[i]);
  }
  return undefined;
}

function checkStringArray(tokens: (string | number)[], value: unknown): KeywordProblem | undefined {
  if (!Array.isArray(value)) return problem(tokens, 'an array of strings', value);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'string') return problem([...tokens, i], 'a string', value[i]);
  }
  return undefined;
}

function checkType(value: unknown): KeywordProblem | undefined {
  const what = `one of ${TYPE_NAMES.join(', ')} (or an array of them)`;
  if (typeof value === 'string')
    return TYPE_NAMES.includes(value) ? undefined : problem(['type'], what, value);
  if (!Array.isArray(value)) return problem(['type'], what, value);
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string' || !TYPE_NAMES.includes(item)) return problem(['type', i], what, item);
    if (seen.has(item)) return { tokens: ['type', i], message: `\`type\` lists "${item}" twice` };
    seen.add(item);
  }
  return undefined;
}

function checkKeyword(keyword: string, value: unknown, draft: Draft): KeywordProblem | undefined {
  switch (keywordKind(keyword)) {
    case 'schema':
      return isSchema(value) ? undefined : problem([keyword], 'a schema (object or boolean)', value);
    case 'schemaMap': {
      if (!isPlainObject(value)) return problem([keyword], 'an object whose values are schemas', value);
      for (const [name, sub] of Object.entries(value)) {
        if (!isSchema(sub)) return problem([keyword, name], 'a schema (object or boolean)', sub);
        if (keyword === 'patternProperties') {
          const bad = regexProblem(name);
          if (bad !== undefined) {
            return {
              tokens: [keyword, name],
              message: `\`patternProperties\` key ${JSON.stringify(name)} is not a valid regular expression (ECMA-262): ${bad}`,
            };
          }
        }
      }
      return undefined;
    }
    case 'schemaArray':
      return checkSchemaArray(keyword, value, true);
    case 'items':
      if (isSchema(value)) return undefined;
      if (Array.isArray(value) && draft !== '2020-12') return checkSchemaArray(keyword, value, false);
      return problem(
        [keyword],
        draft === '2020-12'
          ? 'a schema in draft 2020-12 (use prefixItems for tuples)'
          : 'a schema (object or boolean) or an array of schemas',
        value,
      );
    case 'dependencies': {
      if (!isPlainObject(value)) return problem([keyword], 'an object', value);
      for (const [name, sub] of Object.entries(value)) {
        if (isSchema(sub)) continue;
        if (Array.isArray(sub)) {
          const bad = checkStringArray([keyword, name], sub);
          if (bad) return bad;
          continue;
        }
        return problem([keyword, name], 'an array of property names or a schema', sub);
      }
      return undefined;
    }
    case 'data':
      break;
  }
  if (keyword === 'type') return checkType(value);
  if (keyword === 'required') return checkStringArray([keyword], value);
  if (keyword === 'enum') return Array.isArray(value) ? undefined : problem([keyword], 'an array', value);
  if (keyword === 'dependentRequired') {
    if (!isPlainObject(value)) return problem([keyword], 'an object', value);
    for (const [name, sub] of Object.entries(value)) {
      const bad = checkStringArray([keyword, name], sub);
      if (bad) return bad;
    }
    return undefined;
  }
  if (keyword === 'multipleOf') {
    return typeof value === 'number' && value > 0 ? undefined : problem([keyword], 'a number above 0', value);
  }
  if (NUMBER_KEYWORDS.has(keyword)) {
    return typeof value === 'number' ? undefined : problem([keyword], 'a number', value);
  }
  if (BOUND_KEYWORDS.has(keyword)) {
    if (typeof value === 'number') return undefined;
    // draft-04 spells exclusive bounds as booleans next to minimum/maximum.
    if (typeof value === 'boolean' && (draft === 'draft-04' || draft === 'unknown')) return undefined;
    return problem([keyword], draft === 'draft-04' ? 'a boolean' : 'a number', value);
  }
  if (COUNT_KEYWORDS.has(keyword)) {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0
      ? undefined
      : problem([keyword], 'a non-negative integer', value);
  }
  if (keyword === 'pattern') {
    if (typeof value !== 'string') return problem([keyword], 'a string (a regular expression)', value);
    const bad = regexProblem(value);
    return bad === undefined
      ? undefined
      : {
          tokens: [keyword],
          message: `\`pattern\` is not a valid regular expression (ECMA-262): ${bad}`,
        };
  }
  if (STRING_KEYWORDS.has(keyword)) {
    return typeof value === 'string' ? undefined : problem([keyword], 'a string', value);
  }
  if (keyword === '$id' || (keyword === 'id' && draft === 'draft-04')) {
    return typeof value === 'string' ? undefined : problem([keyword], 'a string (a URI reference)', value);
  }
  if (BOOLEAN_KEYWORDS.has(keyword)) {
    return typeof value === 'boolean' ? undefined : problem([keyword], 'a boolean', value);
  }
  return undefined;
}

/**
 * Checks one schema object's own keywords: every schema position holds an object or boolean, and the
 * assertion keywords have the right types. Does not descend into subschemas (the resolver visits each).
 * `only`: check just these keywords (for a draft-07 `$ref` whose siblings are otherwise ignored).
 */
export function checkKeywords(
  node: JsonObject,
  draft: Draft,
  only?: readonly string[],
): KeywordProblem | undefined {
  for (const keyword of only ?? Object.keys(node)) {
    if (!hasOwn(node, keyword)) continue;
    const bad = checkKeyword(keyword, node[keyword], draft);
    if (bad) return bad;
  }
  return undefined;
}

function isPrimitive(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  return typeof value === 'number' && Number.isFinite(value);
}

function isContainer(value: unknown): value is object {
  return Array.isArray(value) || isPlainObject(value);
}

/**
 * Asserts that `value` is plain JSON data (no functions, class instances, non-finite numbers or cycles)
 * nesting at most `maxDepth` containers deep. Iterative, so it is safe on any depth; linear even when
 * programmatic input shares sub-objects.
 */
export function assertJsonTree(value: unknown, opts: { file: string; maxDepth: number }): void {
  if (isPrimitive(value)) return;
  if (!isContainer(value)) return preciseCheck(value, opts);
  // Fast path for the usual case, a tree within the limit: a plain pre-order walk. Anything unusual
  // (too deep, not JSON, an object met twice) hands over to the precise walk, which knows the pointer.
  const seen = new Set<object>([value]);
  const nodes: object[] = [value];
  const depths: number[] = [1];
  for (let node = nodes.pop(); node !== undefined; node = nodes.pop()) {
    const depth = (depths.pop() as number) + 1;
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (isPrimitive(child)) continue;
      if (!isContainer(child) || depth > opts.maxDepth || seen.has(child)) return preciseCheck(value, opts);
      seen.add(child);
      nodes.push(child);
      depths.push(depth);
    }
  }
}

interface Frame {
  node: object;
  token: string;
  keys: string[] | undefined;
  index: number;
  length: number;
  height: number;
}

/** Post-order walk remembering each container's height, so shared sub-objects are visited once. */
function preciseCheck(value: unknown, opts: { file: string; maxDepth: number }): void {
  const bad = (what: string, pointer: string): SchemaError =>
    new SchemaError(opts.file, `not JSON data: found ${what}`, shortenPointer(pointer));
  if (!isContainer(value)) throw bad(describeValue(value), '');
  const heights = new Map<object, number>();
  const onPath = new Set<object>();
  const stack: Frame[] = [];
  const pointerOf = (extra?: string): string => {
    let p = '';
    for (let i = 1; i < stack.length; i++) p = appendToken(p, (stack[i] as Frame).token);
    return extra === undefined ? p : appendToken(p, extra);
  };
  const tooDeep = (pointer: string): SchemaError =>
    new SchemaError(
      opts.file,
      `schema nests deeper than ${opts.maxDepth} levels (maxDepth)`,
      shortenPointer(pointer),
    );
  const push = (node: object, token: string): void => {
    if (stack.length + 1 > opts.maxDepth) throw tooDeep(pointerOf(token));
    const keys = Array.isArray(node) ? undefined : Object.keys(node);
    const length = Array.isArray(node) ? node.length : (keys as string[]).length;
    stack.push({ node, token, keys, index: 0, length, height: 0 });
    onPath.add(node);
  };
  push(value, '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.index >= frame.length) {
      stack.pop();
      onPath.delete(frame.node);
      const height = frame.height + 1;
      heights.set(frame.node, height);
      const parent = stack[stack.length - 1];
      if (parent && parent.height < height) parent.height = height;
      continue;
    }
    const i = frame.index++;
    const token = frame.keys ? (frame.keys[i] as string) : String(i);
    const child: unknown = (frame.node as Record<string, unknown>)[token];
    if (isPrimitive(child)) continue;
    if (!isContainer(child)) throw bad(describeValue(child), pointerOf(token));
    const known = heights.get(child);
    if (known !== undefined) {
      if (stack.length + known > opts.maxDepth) throw tooDeep(pointerOf(token));
      if (frame.height < known) frame.height = known;
      continue;
    }
    if (onPath.has(child)) throw bad('a reference cycle (an object that contains itself)', pointerOf(token));
    push(child, token);
  }
}
