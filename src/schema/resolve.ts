import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Origin } from './types.js';
import { SchemaError, type ResolvedSchema, type SchemaValue } from './types.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, readSchemaDocument, toPosix } from './read.js';
import { carryWritten } from './numbers.js';
import { appendToken, parsePointer, toPointer } from './pointer.js';
import {
  assertJsonTree,
  checkKeywords,
  describeValue,
  draftOf,
  hasOwn,
  ignoresRefSiblings,
  isPlainObject,
  isSchema,
  keywordKind,
  kindOf,
  KNOWN_KEYWORDS,
  type Draft,
  type JsonObject,
} from './wellformed.js';

/**
 * `$ref` resolution. The input is copied (never mutated) into a fresh object graph in which every `$ref`
 * is replaced by the object it points at, shared by reference: a recursive schema becomes a cyclic graph.
 *
 * How it works, in linear time and without recursion (so document depth cannot overflow the stack):
 * 1. Each document is walked iteratively as a schema. Schema objects are copied, `$id`s and anchors are
 *    registered, and every `$ref` becomes a `PendingRef` placeholder in its slot.
 * 2. Files named by relative `$ref`s are loaded (inside the contract root only) and walked the same way,
 *    until no new file appears; this registers every `$id` of the document set before anything resolves.
 * 3. Each `PendingRef` is resolved by following `$ref` chains to a real schema (a chain that loops
 *    without reaching one is an error), then every placeholder slot is overwritten with its target.
 *
 * URIs: every file has a base URI (`file://` + its real path) until an `$id` changes it. A `$ref` is
 * resolved against the base; an absolute result that matches a declared `$id` resolves to that schema.
 * Otherwise a `$ref` with a scheme (https:, file:, urn:…) is refused, never fetched, and a relative one
 * names a file relative to the referring file's directory, whatever `$id` says.
 *
 * Keywords next to `$ref`: ignored up to draft-07 (the spec); from 2019-09 on, and without `$schema`, the
 * node becomes `{ allOf: [target, { siblings }] }`. Identifying and structural keywords (`$schema`, `$id`,
 * anchors, `$comment`, `$defs`, `definitions`) and unknown keywords (`components`, `x-…`) do not count:
 * with only those beside it, the `$ref` node is simply replaced by its target.
 *
 * Simplifications: `$recursiveRef` resolves exactly like `$ref` (so `"#"` is the current resource's root,
 * the document root unless an `$id` intervenes). `$dynamicRef: "#name"` resolves statically: when the
 * current resource has a `$dynamicAnchor` of that name, to the first such `$dynamicAnchor` in the document
 * set (the main document is walked first, so this is the outermost one, as the dynamic scope usually
 * yields); otherwise to the `$anchor` of that name, like `$ref`.
 */

export interface ResolveOptions {
  /** The document's file: relative to `root` (or a label such as `<old>`), or absolute. */
  file: string;
  /** The contract root. File `$ref`s may not leave it. Default: the directory of `file`. */
  root?: string;
  /** Reads and parses another document. Default: from disk, with the same limits as `loadSchemaFile`. */
  readDocument?: (absPath: string) => unknown;
  /**
   * Maps an absolute path to its real path. Default: the file system's (symbolic links resolved, for the
   * nearest existing ancestor). A `readDocument` serving documents that are not on disk (a git tree) passes
   * the identity: nothing on disk then takes part, and no path is looked up.
   */
  realpath?: (absPath: string) => string;
  /** Size limit for documents read by the default reader. Default 5 MiB. */
  maxBytes?: number;
  /** Nesting limit for every document, in JSON containers. Default 256. */
  maxDepth?: number;
}

export function resolveSchema(doc: unknown, opts: ResolveOptions): ResolvedSchema {
  return new Resolver(opts).run(doc);
}

const REF_KEYWORDS = ['$ref', '$dynamicRef', '$recursiveRef'] as const;
type RefKeyword = (typeof REF_KEYWORDS)[number];

/** Keywords that identify or hold definitions; they do not make a `$ref` node a conjunction. */
const STRUCTURAL = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$comment',
  '$defs',
  'definitions',
  '$vocabulary',
]);
const DEFINITIONS = ['$defs', 'definitions'];

type Holder = JsonObject | unknown[];

interface Doc {
  /** Relative to the contract root, posix separators (or the caller's label). */
  label: string;
  /** Real absolute path (a made-up one under the root for a label). */
  abs: string;
  root: Resource;
  /** Holds the document root's copy under `value`. */
  box: JsonObject;
}

/** A schema resource: a document root or a subschema with an `$id`. Pointers and anchors are relative to it. */
interface Resource {
  base: string;
  raw: JsonObject | boolean;
  ptr: string;
  doc: Doc;
  draft: Draft;
  anchors: Map<string, Target>;
  dynamicAnchors: Map<string, Target>;
}

interface Ctx {
  doc: Doc;
  resource: Resource;
  draft: Draft;
}

interface Target {
  raw: JsonObject;
  ptr: string;
  ctx: Ctx;
}

/** A `$ref` not resolved yet. Never left in the output: every slot holding one is overwritten. */
class PendingRef {
  result: SchemaValue | undefined;
  constructor(
    readonly keyword: RefKeyword,
    readonly ref: string,
    readonly ctx: Ctx,
    /** Pointer of the object holding the `$ref`. */
    readonly ptr: string,
  ) {}
}

type OutValue = SchemaValue | PendingRef;

interface SchemaTask {
  kind: 'schema';
  raw: unknown;
  ptr: string;
  ctx: Ctx;
  holder: Holder;
  key: string | number;
}

interface DataTask {
  kind: 'data';
  raw: unknown;
  ptr: string;
  doc: Doc;
  holder: Holder;
  key: string | number;
}

type Task = SchemaTask | DataTask;

function setSlot(holder: Holder, key: string | number, value: unknown): void {
  if (Array.isArray(holder)) holder[key as number] = value;
  else if (key === '__proto__') {
    Object.defineProperty(holder, key, { value, writable: true, enumerable: true, configurable: true });
  } else holder[key] = value;
}

function quote(ref: string): string {
  return `'${ref.length > 200 ? `${ref.slice(0, 200)}…` : ref}'`;
}

/** `ref` resolved against `base`, without its fragment; `undefined` when that is not possible. */
function resolveUri(ref: string, base: string): string | undefined {
  try {
    const url = new URL(ref, base);
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** A reference with a scheme (`https:`, `file:`, `urn:`…) or an authority (`//host/…`). */
function isAbsoluteRef(refPath: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(refPath) || refPath.startsWith('//');
}

function splitRef(ref: string): { refPath: string; fragment: string } {
  const hash = ref.indexOf('#');
  return hash < 0
    ? { refPath: ref, fragment: '' }
    : { refPath: ref.slice(0, hash), fragment: ref.slice(hash + 1) };
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The real path of `target`, or of its nearest existing ancestor joined with the rest when it does not exist. */
function realpathNearest(target: string): string {
  const rest: string[] = [];
  let current = target;
  for (;;) {
    try {
      const real = fs.realpathSync(current);
      return rest.length === 0 ? real : path.join(real, ...rest.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

class Resolver {
  private readonly origins = new WeakMap<object, Origin>();
  /** Raw schema object → its copy (or its pending `$ref`). */
  private readonly memo = new Map<object, OutValue>();
  /** Raw data object/array → its copy (only matters when programmatic input shares objects). */
  private readonly dataMemo = new Map<object, unknown>();
  /** Absolute URI (without fragment) of each `$id` → its resource. */
  private readonly declared = new Map<string, Resource>();
  /** First `$dynamicAnchor` of each name, in walk order (main document first). */
  private readonly firstDynamicAnchor = new Map<string, Target>();
  private readonly docs = new Map<string, Doc>();
  private readonly pendings: PendingRef[] = [];
  private readonly fixups: { holder: Holder; key: string | number; pending: PendingRef }[] = [];
  private readonly tasks: Task[] = [];
  private readonly root: string;
  private readonly realRoot: string;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  private readonly realpath: (absPath: string) => string;

  constructor(private readonly opts: ResolveOptions) {
    this.realpath = opts.realpath ?? realpathNearest;
    this.root = path.resolve(opts.root ?? path.dirname(path.resolve(opts.file)));
    this.realRoot = this.realpath(this.root);
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  }

  run(input: unknown): ResolvedSchema {
    const lexical = path.resolve(this.root, this.opts.file);
    const label = toPosix(path.relative(this.root, lexical)) || this.opts.file;
    const main = this.addDoc(label, this.realpath(lexical), input);

    // Load every file reachable through relative $refs, so all `$id`s are known before resolving.
    for (let i = 0; i < this.pendings.length; i++) this.discover(this.pendings[i] as PendingRef);
    // Resolving may walk more (targets outside schema positions); the loop picks those up too.
    for (let i = 0; i < this.pendings.length; i++) this.finalOf(this.pendings[i] as PendingRef);
    for (const { holder, key, pending } of this.fixups) setSlot(holder, key, this.finalOf(pending));

    const root = main.box['value'];
    return { root: root as SchemaValue, origins: this.origins, file: label };
  }

  // ---- walking --------------------------------------------------------------------------------------

  private addDoc(label: string, abs: string, raw: unknown): Doc {
    assertJsonTree(raw, { file: label, maxDepth: this.maxDepth });
    if (!isSchema(raw)) {
      throw new SchemaError(label, `expected a JSON Schema (object or boolean) but found ${kindOf(raw)}`);
    }
    const doc = { label, abs, box: {} } as Doc;
    doc.root = {
      base: pathToFileURL(abs).href,
      raw,
      ptr: '',
      doc,
      draft: 'unknown',
      anchors: new Map(),
      dynamicAnchors: new Map(),
    };
    this.docs.set(abs, doc);
    const ctx: Ctx = { doc, resource: doc.root, draft: 'unknown' };
    this.tasks.push({ kind: 'schema', raw, ptr: '', ctx, holder: doc.box, key: 'value' });
    this.drain();
    return doc;
  }

  private drain(): void {
    for (let task = this.tasks.pop(); task !== undefined; task = this.tasks.pop()) {
      if (task.kind === 'schema') this.walkSchema(task);
      else this.copyData(task);
    }
  }

  private place(holder: Holder, key: string | number, value: OutValue): void {
    setSlot(holder, key, value);
    if (value instanceof PendingRef) this.fixups.push({ holder, key, pending: value });
  }

  private object(doc: Doc, ptr: string): JsonObject {
    const out: JsonObject = {};
    this.origins.set(out, { file: doc.label, pointer: ptr });
    return out;
  }

  private array(doc: Doc, ptr: string): unknown[] {
    const out: unknown[] = [];
    this.origins.set(out, { file: doc.label, pointer: ptr });
    return out;
  }

  private pending(keyword: RefKeyword, raw: JsonObject, ctx: Ctx, ptr: string): PendingRef {
    const ref = new PendingRef(keyword, raw[keyword] as string, ctx, ptr);
    this.pendings.push(ref);
    return ref;
  }

  private walkSchema(task: SchemaTask): void {
    const { raw, ptr } = task;
    const doc = task.ctx.doc;
    if (typeof raw === 'boolean') {
      setSlot(task.holder, task.key, raw);
      return;
    }
    if (!isPlainObject(raw)) {
      throw new SchemaError(
        doc.label,
        `expected a schema (object or boolean), found ${describeValue(raw)}`,
        ptr,
      );
    }
    const seen = this.memo.get(raw);
    if (seen !== undefined) {
      this.place(task.holder, task.key, seen);
      return;
    }
    const keys = Object.keys(raw);
    const firstChild = this.tasks.length;
    // Fast path: no `$` keyword (and no draft-04 `id`), so no reference, identity or dialect change.
    let plain = true;
    for (const key of keys) {
      if (key.charCodeAt(0) === 36 || key === 'id') {
        plain = false;
        break;
      }
    }
    if (plain) {
      const bad = checkKeywords(raw, task.ctx.draft, keys);
      if (bad) throw new SchemaError(doc.label, bad.message, ptr + toPointer(bad.tokens));
      const out = this.object(doc, ptr);
      this.memo.set(raw, out);
      this.place(task.holder, task.key, out);
      this.copyKeywords(raw, keys, out, ptr, task.ctx);
    } else this.walkSpecial(task, raw, keys);
    // Children were queued in document order; reverse them so they are also walked in that order.
    for (let i = firstChild, j = this.tasks.length - 1; i < j; i++, j--) {
      const t = this.tasks[i] as Task;
      this.tasks[i] = this.tasks[j] as Task;
      this.tasks[j] = t;
    }
  }

  /** A schema object with `$` keywords: `$schema`, `$id`, anchors, `$ref`s. */
  private walkSpecial(task: SchemaTask, raw: JsonObject, keys: string[]): void {
    const { ptr } = task;
    const doc = task.ctx.doc;
    const draft = draftOf(raw['$schema'], task.ctx.draft);
    const refKeys = REF_KEYWORDS.filter((k) => hasOwn(raw, k));
    // Up to draft-07, everything next to `$ref` is ignored (only its `$id` and definitions are kept,
    // as pointers and anchors may lead into them).
    const legacyRef = refKeys.includes('$ref') && ignoresRefSiblings(draft);
    const bad = checkKeywords(raw, draft, legacyRef ? ['$ref', '$id', ...DEFINITIONS] : keys);
    if (bad) throw new SchemaError(doc.label, bad.message, ptr + toPointer(bad.tokens));
    const ctx = this.identify(raw, task, draft);
    // Unknown keywords (`components`, `x-…`) do not make a conjunction; if there is one, they go along.
    const siblings = legacyRef ? [] : keys.filter((k) => !STRUCTURAL.has(k) && !isRefKeyword(k));
    const asserting = siblings.some((k) => KNOWN_KEYWORDS.has(k));

    if (refKeys.length === 0) {
      const out = this.object(doc, ptr);
      this.memo.set(raw, out);
      this.place(task.holder, task.key, out);
      this.copyKeywords(raw, keys, out, ptr, ctx);
    } else if (legacyRef || (refKeys.length === 1 && !asserting)) {
      const ref = this.pending(legacyRef ? '$ref' : (refKeys[0] as RefKeyword), raw, ctx, ptr);
      this.memo.set(raw, ref);
      this.place(task.holder, task.key, ref);
      const defs = DEFINITIONS.filter((k) => hasOwn(raw, k));
      if (defs.length > 0) this.copyKeywords(raw, defs, this.object(doc, ptr), ptr, ctx);
    } else {
      // 2019-09 and later: `$ref` applies alongside its siblings, i.e. a conjunction.
      const wrapper = this.object(doc, ptr);
      this.memo.set(raw, wrapper);
      this.place(task.holder, task.key, wrapper);
      const allOf = this.array(doc, ptr);
      setSlot(wrapper, 'allOf', allOf);
      for (const keyword of refKeys) {
        allOf.push(undefined);
        this.place(allOf, allOf.length - 1, this.pending(keyword, raw, ctx, ptr));
      }
      // unevaluatedProperties/unevaluatedItems see what the `$ref` target evaluated too (a `$ref` is an in-place
      // applicator): they stay on the wrapper, beside the allOf, not in the siblings' own part, where they would
      // see only the siblings and reject the target's properties.
      const watching: string[] = siblings.filter(
        (k) => k === 'unevaluatedProperties' || k === 'unevaluatedItems',
      );
      const others = siblings.filter((k) => !watching.includes(k));
      if (others.length > 0) {
        const rest = this.object(doc, ptr);
        allOf.push(rest);
        this.copyKeywords(raw, others, rest, ptr, ctx);
      }
      if (watching.length > 0) this.copyKeywords(raw, watching, wrapper, ptr, ctx);
      this.copyKeywords(
        raw,
        keys.filter((k) => STRUCTURAL.has(k)),
        wrapper,
        ptr,
        ctx,
      );
    }
  }

  /** Applies `$schema`, `$id` and anchors of a schema object; returns the context for its subschemas. */
  private identify(raw: JsonObject, task: SchemaTask, draft: Draft): Ctx {
    const { doc } = task.ctx;
    const isDocRoot = task.ptr === '' && raw === doc.root.raw;
    let resource = task.ctx.resource;
    if (isDocRoot) resource.draft = draft;
    const idKey = draft === 'draft-04' ? 'id' : '$id';
    const id = raw[idKey];
    const anchors: string[] = [];
    if (typeof id === 'string' && id !== '') {
      if (id.startsWith('#')) {
        anchors.push(this.decode(id.slice(1), doc, appendToken(task.ptr, idKey)));
      } else {
        const uri = resolveUri(id, resource.base);
        const where = appendToken(task.ptr, idKey);
        if (uri === undefined) {
          throw new SchemaError(doc.label, `\`${idKey}\` ${quote(id)} is not a valid URI reference`, where);
        }
        if (isDocRoot) resource.base = uri;
        else {
          resource = {
            base: uri,
            raw,
            ptr: task.ptr,
            doc,
            draft,
            anchors: new Map(),
            dynamicAnchors: new Map(),
          };
        }
        const other = this.declared.get(uri);
        if (other !== undefined && other !== resource) {
          throw new SchemaError(
            doc.label,
            `\`${idKey}\` ${quote(id)} is declared twice (also at ${other.doc.label}#${other.ptr})`,
            where,
          );
        }
        this.declared.set(uri, resource);
      }
    }
    const ctx: Ctx = { doc, resource, draft };
    const target: Target = { raw, ptr: task.ptr, ctx };
    if (typeof raw['$anchor'] === 'string') anchors.push(raw['$anchor']);
    const dynamic = raw['$dynamicAnchor'];
    if (typeof dynamic === 'string') {
      anchors.push(dynamic);
      resource.dynamicAnchors.set(dynamic, target);
      if (!this.firstDynamicAnchor.has(dynamic)) this.firstDynamicAnchor.set(dynamic, target);
    }
    for (const name of anchors) {
      const other = resource.anchors.get(name);
      if (other !== undefined && other.raw !== raw) {
        throw new SchemaError(
          doc.label,
          `anchor '${name}' is declared twice in one resource (also at ${other.ptr || '/'})`,
          task.ptr,
        );
      }
      resource.anchors.set(name, target);
    }
    return ctx;
  }

  /** Queues copies of `keys` of a (well-formed) schema object into `out`, keeping key order. */
  private copyKeywords(
    raw: JsonObject,
    keys: readonly string[],
    out: JsonObject,
    ptr: string,
    ctx: Ctx,
  ): void {
    carryWritten(raw, out);
    for (const key of keys) {
      const value = raw[key];
      const p = appendToken(ptr, key);
      switch (keywordKind(key)) {
        case 'schema':
          this.queueSchema(value, p, ctx, out, key);
          break;
        case 'items':
          if (Array.isArray(value)) this.copySchemaArray(value, p, ctx, out, key);
          else this.queueSchema(value, p, ctx, out, key);
          break;
        case 'schemaArray':
          this.copySchemaArray(value as unknown[], p, ctx, out, key);
          break;
        case 'schemaMap':
        case 'dependencies': {
          const map = this.object(ctx.doc, p);
          setSlot(out, key, map);
          for (const name of Object.keys(value as JsonObject)) {
            const sub = (value as JsonObject)[name];
            if (Array.isArray(sub)) this.queueData(sub, appendToken(p, name), ctx.doc, map, name);
            else this.queueSchema(sub, appendToken(p, name), ctx, map, name);
          }
          break;
        }
        case 'data':
          this.queueData(value, p, ctx.doc, out, key);
          break;
      }
    }
  }

  private copySchemaArray(value: unknown[], p: string, ctx: Ctx, out: JsonObject, key: string): void {
    const list = this.array(ctx.doc, p);
    setSlot(out, key, list);
    for (let i = 0; i < value.length; i++) this.queueSchema(value[i], appendToken(p, i), ctx, list, i);
  }

  /** Queues a schema copy into `holder[key]`, holding the key's place (and order) with `undefined`. */
  private queueSchema(raw: unknown, ptr: string, ctx: Ctx, holder: Holder, key: string | number): void {
    setSlot(holder, key, undefined);
    this.tasks.push({ kind: 'schema', raw, ptr, ctx, holder, key });
  }

  private queueData(raw: unknown, ptr: string, doc: Doc, holder: Holder, key: string | number): void {
    if (typeof raw === 'object' && raw !== null) {
      setSlot(holder, key, undefined);
      this.tasks.push({ kind: 'data', raw, ptr, doc, holder, key });
    } else setSlot(holder, key, raw);
  }

  private copyData(task: DataTask): void {
    const { raw, ptr, doc } = task;
    if (typeof raw !== 'object' || raw === null) {
      setSlot(task.holder, task.key, raw);
      return;
    }
    const seen = this.dataMemo.get(raw);
    if (seen !== undefined) {
      setSlot(task.holder, task.key, seen);
      return;
    }
    const firstChild = this.tasks.length;
    if (Array.isArray(raw)) {
      const out = this.array(doc, ptr);
      carryWritten(raw, out);
      this.dataMemo.set(raw, out);
      setSlot(task.holder, task.key, out);
      for (let i = 0; i < raw.length; i++) this.queueData(raw[i], appendToken(ptr, i), doc, out, i);
    } else {
      const out = this.object(doc, ptr);
      carryWritten(raw, out);
      this.dataMemo.set(raw, out);
      setSlot(task.holder, task.key, out);
      for (const key of Object.keys(raw))
        this.queueData((raw as JsonObject)[key], appendToken(ptr, key), doc, out, key);
    }
    for (let i = firstChild, j = this.tasks.length - 1; i < j; i++, j--) {
      const t = this.tasks[i] as Task;
      this.tasks[i] = this.tasks[j] as Task;
      this.tasks[j] = t;
    }
  }

  // ---- resolving ------------------------------------------------------------------------------------

  private refError(ref: PendingRef, problem: string): SchemaError {
    return new SchemaError(ref.ctx.doc.label, problem, appendToken(ref.ptr, ref.keyword));
  }

  private decode(text: string, doc: Doc, where: string): string {
    try {
      return decodeURIComponent(text);
    } catch {
      throw new SchemaError(doc.label, `${quote(text)} has malformed percent-encoding`, where);
    }
  }

  /** Loads the file a relative `$ref` names, unless an `$id` already matches it. Missing files wait. */
  private discover(ref: PendingRef): void {
    const { refPath } = splitRef(ref.ref);
    if (refPath === '' || isAbsoluteRef(refPath)) return;
    const uri = resolveUri(refPath, ref.ctx.resource.base);
    if (uri !== undefined && this.declared.has(uri)) return;
    this.fileResource(ref, refPath, true);
  }

  /** Follows `$ref` chains to a real schema; every pending ref on the way gets the same result. */
  private finalOf(start: PendingRef): SchemaValue {
    if (start.result !== undefined) return start.result;
    const chain: PendingRef[] = [];
    const inChain = new Set<PendingRef>();
    let current = start;
    let result: SchemaValue;
    for (;;) {
      if (current.result !== undefined) {
        result = current.result;
        break;
      }
      if (inChain.has(current)) throw this.cycleError(chain.slice(chain.indexOf(current)));
      inChain.add(current);
      chain.push(current);
      const target = this.targetOf(current);
      if (target instanceof PendingRef) current = target;
      else {
        result = target;
        break;
      }
    }
    for (const ref of chain) ref.result = result;
    return result;
  }

  private cycleError(cycle: PendingRef[]): SchemaError {
    const first = cycle[0] as PendingRef;
    const manyFiles = cycle.some((ref) => ref.ctx.doc !== first.ctx.doc);
    const where = (ref: PendingRef): string => `${manyFiles ? ref.ctx.doc.label : ''}#${ref.ptr}`;
    return this.refError(
      first,
      `$ref cycle: ${[...cycle, first].map(where).join(' → ')} (these $refs only lead to each other, never to a schema)`,
    );
  }

  private targetOf(ref: PendingRef): OutValue {
    const { refPath, fragment } = splitRef(ref.ref);
    const resource = this.resourceOf(ref, refPath);
    const name = this.decode(fragment, ref.ctx.doc, appendToken(ref.ptr, ref.keyword));
    const ctx: Ctx = { doc: resource.doc, resource, draft: resource.draft };
    if (name === '') return this.outOf(resource.raw, resource.ptr, ctx);
    if (name.startsWith('/')) return this.follow(ref, resource, name, ctx);
    let target: Target | undefined;
    if (ref.keyword === '$dynamicRef' && resource.dynamicAnchors.has(name)) {
      target = this.firstDynamicAnchor.get(name);
    }
    target ??= resource.anchors.get(name);
    if (target === undefined) {
      throw this.refError(
        ref,
        `${ref.keyword} ${quote(ref.ref)} points at nothing: ${resource.doc.label} has no anchor '${name}'`,
      );
    }
    return this.outOf(target.raw, target.ptr, target.ctx);
  }

  /** Evaluates a JSON pointer in the raw document (pointers do not pass through `$ref`s). */
  private follow(ref: PendingRef, resource: Resource, pointer: string, ctx: Ctx): OutValue {
    const tokens = parsePointer(pointer);
    if (tokens === undefined) {
      throw this.refError(ref, `${ref.keyword} ${quote(ref.ref)} holds an invalid JSON pointer`);
    }
    let current: unknown = resource.raw;
    for (const token of tokens) {
      let next: unknown;
      if (Array.isArray(current)) {
        if (/^(0|[1-9]\d*)$/.test(token) && Number(token) < current.length) next = current[Number(token)];
      } else if (isPlainObject(current) && hasOwn(current, token)) next = current[token];
      if (next === undefined) {
        throw this.refError(
          ref,
          `${ref.keyword} ${quote(ref.ref)} points at nothing: ${resource.doc.label} has no ${resource.ptr}${toPointer(tokens)}`,
        );
      }
      current = next;
    }
    if (!isSchema(current)) {
      throw this.refError(
        ref,
        `${ref.keyword} ${quote(ref.ref)} points at ${describeValue(current)}, which is not a schema`,
      );
    }
    return this.outOf(current, resource.ptr + toPointer(tokens), ctx);
  }

  /** The copy of a raw schema; one outside any schema position (say `#/components/X`) is walked now. */
  private outOf(raw: SchemaValue, ptr: string, ctx: Ctx): OutValue {
    if (typeof raw === 'boolean') return raw;
    const seen = this.memo.get(raw);
    if (seen !== undefined) return seen;
    const box: JsonObject = {};
    this.tasks.push({ kind: 'schema', raw, ptr, ctx, holder: box, key: 'value' });
    this.drain();
    return this.memo.get(raw) as OutValue;
  }

  private resourceOf(ref: PendingRef, refPath: string): Resource {
    if (refPath === '') return ref.ctx.resource;
    const uri = resolveUri(refPath, ref.ctx.resource.base);
    const declared = uri === undefined ? undefined : this.declared.get(uri);
    if (declared !== undefined) return declared;
    if (isAbsoluteRef(refPath)) {
      throw this.refError(
        ref,
        `refusing to fetch remote ${ref.keyword} ${quote(ref.ref)}; contractguard never fetches, vendor the schema into the contract root`,
      );
    }
    return this.fileResource(ref, refPath, false) as Resource;
  }

  /**
   * The root resource of the file a relative `$ref` names, loading it on first use. It must stay inside
   * the contract root, both as written and after symbolic links. `lenient`: return `undefined` rather
   * than throw when the file leaves the root or does not exist (during discovery).
   */
  private fileResource(ref: PendingRef, refPath: string, lenient: boolean): Resource | undefined {
    const shown = `${ref.keyword} ${quote(ref.ref)}`;
    let target: string;
    try {
      const url = new URL(refPath, pathToFileURL(ref.ctx.doc.abs));
      target = fileURLToPath(url);
    } catch {
      if (lenient) return undefined;
      throw this.refError(ref, `${shown} is not a valid file reference`);
    }
    if (!isInside(this.realRoot, target) && !isInside(this.root, target)) {
      if (lenient) return undefined;
      throw this.refError(ref, `${shown} leaves the contract root ${this.root}`);
    }
    const real = this.realpath(target);
    if (!isInside(this.realRoot, real)) {
      if (lenient) return undefined;
      throw this.refError(ref, `${shown} leaves the contract root ${this.root} (through a symbolic link)`);
    }
    const cached = this.docs.get(real);
    if (cached !== undefined) return cached.root;
    const label = toPosix(path.relative(this.realRoot, real));
    let raw: unknown;
    if (this.opts.readDocument) {
      try {
        raw = this.opts.readDocument(real);
      } catch (error) {
        if (error instanceof SchemaError) throw error;
        throw this.refError(
          ref,
          `cannot read ${shown}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    } else {
      if (!fs.statSync(real, { throwIfNoEntry: false })) {
        if (lenient) return undefined;
        throw this.refError(ref, `${shown} points at a file that does not exist (${label})`);
      }
      raw = readSchemaDocument(real, { file: label, maxBytes: this.maxBytes, maxDepth: this.maxDepth });
    }
    return this.addDoc(label, real, raw).root;
  }
}

function isRefKeyword(key: string): key is RefKeyword {
  return key === '$ref' || key === '$dynamicRef' || key === '$recursiveRef';
}
