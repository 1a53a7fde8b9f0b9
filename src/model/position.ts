/**
 * Line and column of a JSON pointer in a YAML or JSON file (JSON is YAML: one parser serves both).
 * Used for report positions of schema changes and for validation messages.
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import { parsePointer } from '../schema/pointer.js';
import type { SourcePosition } from './types.js';

/** A parsed document with its line table. */
export interface LocatedDocument {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** The node a path leads to, or as far as the path exists. */
export interface NodeLookup {
  /** The deepest node reached: the target itself when `exact`. `undefined` for an empty document. */
  node: Node | undefined;
  /** The key of the map entry holding `node`, when `node` is a map value. */
  key: Node | undefined;
  /** How many tokens were followed. */
  matched: number;
  /** Whether every token was found. */
  exact: boolean;
}

/** Whether a map key node holds `token` (keys are compared as strings, as in JSON). */
function keyMatches(pair: Pair<unknown, unknown>, token: string | number): boolean {
  const key = pair.key;
  if (isScalar(key)) return String(key.value) === String(token);
  return key === null ? token === '' : false;
}

/** Follows `tokens` through maps (by key) and sequences (by index) from the document's root node. */
export function lookupNode(doc: Document, tokens: readonly (string | number)[]): NodeLookup {
  let node: Node | undefined = doc.contents ?? undefined;
  let key: Node | undefined;
  let matched = 0;
  for (const token of tokens) {
    if (isMap(node)) {
      const pair = node.items.find((item) => keyMatches(item, token));
      if (pair === undefined) break;
      key = isScalar(pair.key) ? pair.key : undefined;
      // `a:` with nothing after it: the value may be absent; the key stands in for it.
      node = (pair.value as Node | null) ?? key;
    } else if (isSeq(node)) {
      const index = typeof token === 'number' ? token : /^(0|[1-9]\d*)$/.test(token) ? Number(token) : -1;
      const item = index >= 0 ? (node.items[index] as Node | undefined) : undefined;
      if (item === undefined || item === null) break;
      key = undefined;
      node = item;
    } else break;
    matched++;
  }
  return { node, key, matched, exact: matched === tokens.length };
}

/** 1-based position of a character offset. */
export function positionAt(located: LocatedDocument, file: string, offset: number): SourcePosition {
  const { line, col } = located.lineCounter.linePos(offset);
  return { file, line, column: col };
}

/** Start offset of a node, `undefined` when it has no range. */
export function startOf(node: Node | undefined): number | undefined {
  return node?.range?.[0];
}

/**
 * Parses a YAML or JSON text leniently, for positions only (duplicate keys and other errors are the
 * validator's business). `undefined` when even that fails (a document nested deeply enough to exhaust
 * the stack).
 */
export function locateDocument(text: string): LocatedDocument | undefined {
  const lineCounter = new LineCounter();
  try {
    const doc = parseDocument(text, {
      lineCounter,
      uniqueKeys: false,
      strict: false,
      prettyErrors: false,
      merge: false,
      stringKeys: true,
    });
    return { doc, lineCounter };
  } catch {
    return undefined;
  }
}

/**
 * A lookup of JSON pointers in one file. The text is parsed once, on the first call. A map entry is shown
 * at its key when its value is a mapping or a list (the line that names it) and at its value otherwise; a
 * list item at the item. A pointer that does not exist (a keyword added by normalisation, a node that was
 * removed) falls back to its nearest existing ancestor; the root pointer `''` is the document's start.
 * `undefined` for an invalid pointer or a text that cannot be parsed.
 */
export function positionIndex(text: string, file: string): (pointer: string) => SourcePosition | undefined {
  let located: LocatedDocument | undefined | null = null;
  return (pointer: string) => {
    const tokens = parsePointer(pointer);
    if (tokens === undefined) return undefined;
    if (located === null) located = locateDocument(text);
    if (located === undefined) return undefined;
    const { node, key } = lookupNode(located.doc, tokens);
    const shown = key !== undefined && (isMap(node) || isSeq(node)) ? key : node;
    return positionAt(located, file, startOf(shown) ?? 0);
  };
}
