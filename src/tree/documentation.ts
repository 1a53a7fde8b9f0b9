/**
 * Documentation edits in a version's schemas: a `description` or `title` added, reworded or removed. The
 * classifier drops these keywords from the canonical form (they validate nothing), so the tree diff finds
 * them here, on the resolved schemas as written, and reports them as `description-changed` changes without
 * effect: a reviewer still sees every edit, folded away from the changes that matter.
 */
import { escapeToken } from '../schema/pointer.js';
import type { ResolvedSchema } from '../schema/types.js';

export type DocumentationKeyword = 'description' | 'title';

/** One documentation keyword that differs at a schema path present on both sides. */
export interface DocumentationEdit {
  /** The schema path of the node, as the classifier names places (`/properties/dryRun`). */
  path: string;
  keyword: DocumentationKeyword;
  change: 'added' | 'removed' | 'changed';
  /** The node on each side, for its origin (file and pointer as written). */
  before: object;
  after: object;
}

const KEYWORDS: readonly DocumentationKeyword[] = ['title', 'description'];
/** Keywords holding one subschema. */
const SINGLE = [
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
  'items',
  'additionalItems',
  'unevaluatedItems',
  'contains',
  'not',
  'if',
  'then',
  'else',
];
/** Keywords holding a list of subschemas. */
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
/** Keywords holding subschemas by name. */
const MAPS = ['properties', 'patternProperties', 'dependentSchemas'];

/**
 * Every node of a resolved schema by the path it is first reached at. Walking the resolved graph (every
 * `$ref` replaced by its target) names a shared definition where it is used, as the classifier does; a node
 * reached again (a second use, or recursion) keeps its first path, so one edit is one change.
 */
function nodesByPath(schema: ResolvedSchema): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const seen = new Set<object>();
  const queue: [unknown, string][] = [[schema.root, '']];
  // Breadth first, so a node shared by several paths is named at its shallowest use.
  for (let at = 0; at < queue.length; at++) {
    const [node, path] = queue[at] as [unknown, string];
    if (typeof node !== 'object' || node === null || Array.isArray(node) || seen.has(node)) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    out.set(path, record);
    for (const kw of SINGLE) {
      const child = own(record, kw);
      if (typeof child === 'object' && child !== null && !Array.isArray(child))
        queue.push([child, `${path}/${kw}`]);
    }
    for (const kw of LISTS) {
      const list = own(record, kw);
      if (Array.isArray(list)) list.forEach((child, i) => queue.push([child, `${path}/${kw}/${i}`]));
    }
    for (const kw of MAPS) {
      const map = own(record, kw);
      if (typeof map !== 'object' || map === null || Array.isArray(map)) continue;
      for (const [name, child] of Object.entries(map))
        queue.push([child, `${path}/${kw}/${escapeToken(name)}`]);
    }
  }
  return out;
}

/** Own keys only: a property named `__proto__` or `constructor` is data, not Object.prototype's. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The documentation edits between two versions of a schema, at the paths both sides have (a node added or
 * removed is a structural change the classifier reports; its documentation comes and goes with it).
 */
export function documentationEdits(before: ResolvedSchema, after: ResolvedSchema): DocumentationEdit[] {
  if (before.root === after.root) return [];
  const old = nodesByPath(before);
  const edits: DocumentationEdit[] = [];
  for (const [path, node] of nodesByPath(after)) {
    const was = old.get(path);
    if (was === undefined) continue;
    for (const keyword of KEYWORDS) {
      const a = text(own(was, keyword));
      const b = text(own(node, keyword));
      if (a === b) continue;
      const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
      edits.push({ path, keyword, change, before: was, after: node });
    }
  }
  return edits;
}

/** A documentation value as text; a non-string one (invalid, but possible) by its JSON. */
function text(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
