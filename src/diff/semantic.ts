/**
 * The semantic subset check: asks json-schema-diff whether the new schema admits values the old one did not
 * (`widens`) and whether it rejects values the old one admitted (`narrows`). Used only where the structural
 * rules cannot decide (combinator rewrites, `not`, overlapping `anyOf`).
 *
 * json-schema-diff 1.0.0 is a set-algebra engine with sharp edges, all measured, and every guard below exists
 * because of one of them:
 *  - it supports only type, minimum/maximum/exclusiveMinimum/exclusiveMaximum (numeric form), minLength/maxLength,
 *    items (a single schema), minItems/maxItems, properties, required, additionalProperties,
 *    minProperties/maxProperties, allOf/anyOf/oneOf/not and boolean schemas;
 *  - it silently IGNORES enum, const, pattern, format, multipleOf, uniqueItems, propertyNames, dependencies,
 *    patternProperties, if/then/else, prefixItems, tuple `items` arrays and contains, answering "no change":
 *    unsound, so any such keyword makes a schema ineligible rather than being dropped;
 *  - it throws on draft-04 and 2020-12 `$schema` headers (it validates against draft-07 only), so `$schema` is
 *    stripped from the copy it gets (every keyword it can see means the same in draft-06/07/2019-09/2020-12);
 *  - it throws on recursive `$ref`s and RESOLVES external `$ref`s itself, from disk and over HTTP: a `$ref`
 *    (or `$dynamicRef`/`$recursiveRef`) must never reach it, and annotation values (`default`, `examples`), which
 *    its resolver would also walk looking for `$ref`s, are stripped;
 *  - it MUTATES its inputs: it only ever sees a private copy, cloned again into its worker thread;
 *  - it is exponential in anyOf/oneOf branches (anyOf of open objects with distinct properties: 4 branches 4.5 s,
 *    5 branches 67 s) and never finishes on 2,000 flat properties: schemas are capped in size and branch count,
 *    and every call runs in a worker thread that is terminated when its time limit runs out;
 *  - it answers "no change" for a property named `__proto__` whatever its schema (it builds a plain object
 *    keyed by property name), so such a property makes the schema ineligible.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type SemanticAnswer =
  { kind: 'decided'; widens: boolean; narrows: boolean } | { kind: 'undecided'; reason: string };

export type SemanticEligibility = { ok: true } | { ok: false; reason: string };

/** Default time limit of one json-schema-diff call, in milliseconds. */
export const DEFAULT_SEMANTIC_TIMEOUT_MS = 2000;
/** More schema nodes than this and json-schema-diff may not finish (it never does on 2,000 flat properties). */
export const MAX_SEMANTIC_NODES = 200;
/**
 * More anyOf/oneOf branches than this (summed over one schema) and json-schema-diff is exponential: open-object
 * unions measured 0.5 s with 3 branches, 4.5 s with 4, 67 s with 5.
 */
export const MAX_SEMANTIC_BRANCHES = 3;
/** Loading json-schema-diff (ajv, ref parser, lodash) in a fresh worker; not counted in a call's time limit. */
const WORKER_START_LIMIT_MS = 15_000;

/** Keywords json-schema-diff evaluates (its KEYWORDS.md, confirmed by measurement). */
const SUPPORTED_KEYWORDS = new Set([
  'type',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'items',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'additionalProperties',
  'minProperties',
  'maxProperties',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
]);

const NUMERIC_KEYWORDS = new Set([
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
]);

/**
 * Keywords with no effect on which instances a schema admits. They are stripped from the copy, not rejected:
 * `$schema` because json-schema-diff throws on any header but draft-06/07, `$defs`/`definitions` because with
 * no `$ref` left they are unreachable (and may hold the very recursion we refuse), `default`/`examples` because
 * its `$ref` resolver walks their values too. `$anchor`/`$dynamicAnchor`/`$recursiveAnchor` only name a node
 * for `$ref`s, which are refused anyway.
 */
const ANNOTATION_KEYWORDS = new Set([
  'title',
  'description',
  'examples',
  '$comment',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
  '$defs',
  'definitions',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
]);

/** json-schema-diff resolves these itself, from disk or over HTTP; they must never reach it. */
const REFERENCE_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

/** Validation keywords json-schema-diff silently ignores, answering "no change" where there is one. */
const IGNORED_KEYWORDS = new Set([
  'enum',
  'const',
  'pattern',
  'format',
  'multipleOf',
  'uniqueItems',
  'propertyNames',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
  'patternProperties',
  'if',
  'then',
  'else',
  'prefixItems',
  'additionalItems',
  'contains',
  'minContains',
  'maxContains',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

class Ineligible extends Error {}

interface WalkState {
  nodes: number;
  branches: number;
  /** Objects on the path from the root to the node being copied: meeting one again means a cycle. */
  onPath: Set<object>;
}

function pointer(at: string, token: string): string {
  return `${at}/${token.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function where(at: string): string {
  return at === '' ? '/' : at;
}

/**
 * Copies one schema node, minus annotations, refusing anything json-schema-diff would get wrong.
 * Recursion depth is bounded by MAX_SEMANTIC_NODES (every frame counts a node first), so it cannot overflow;
 * cycles are caught by `onPath` (a path set, not a visited set: a subschema shared by two parents is fine, and
 * is counted twice because json-schema-diff expands it twice).
 */
function copySchema(node: unknown, at: string, st: WalkState): unknown {
  st.nodes += 1;
  if (st.nodes > MAX_SEMANTIC_NODES) {
    throw new Ineligible(
      `has more than ${MAX_SEMANTIC_NODES} schema nodes, on which json-schema-diff may not finish`,
    );
  }
  if (typeof node === 'boolean') return node;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new Ineligible(`has a value at ${where(at)} that is not a schema`);
  }
  if (st.onPath.has(node)) {
    throw new Ineligible(
      `recursive schema (at ${where(at)}): json-schema-diff cannot compare recursive schemas`,
    );
  }
  st.onPath.add(node);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const here = pointer(at, key);
    if (ANNOTATION_KEYWORDS.has(key)) continue;
    if (REFERENCE_KEYWORDS.has(key)) {
      throw new Ineligible(
        `uses \`${key}\` (at ${here}), which json-schema-diff would resolve itself, from disk or over HTTP`,
      );
    }
    if (IGNORED_KEYWORDS.has(key)) {
      throw new Ineligible(`uses \`${key}\` (at ${here}), which json-schema-diff ignores`);
    }
    if (!SUPPORTED_KEYWORDS.has(key)) {
      throw new Ineligible(`uses \`${key}\` (at ${here}), which json-schema-diff does not support`);
    }
    out[key] = copyKeyword(key, value, here, st);
  }
  st.onPath.delete(node);
  return out;
}

function copyKeyword(key: string, value: unknown, at: string, st: WalkState): unknown {
  if (NUMERIC_KEYWORDS.has(key)) {
    if (typeof value !== 'number') {
      // A boolean exclusiveMinimum/exclusiveMaximum is draft-04; json-schema-diff validates against draft-07
      // and throws. Anything else non-numeric is invalid in every draft.
      throw new Ineligible(`has a non-numeric \`${key}\` (at ${at}), which json-schema-diff cannot read`);
    }
    return value;
  }
  switch (key) {
    case 'type':
      if (typeof value === 'string') return value;
      if (Array.isArray(value) && value.every((t) => typeof t === 'string')) return [...(value as string[])];
      throw new Ineligible(`has an invalid \`type\` (at ${at})`);
    case 'required':
      if (Array.isArray(value) && value.every((r) => typeof r === 'string')) return [...(value as string[])];
      throw new Ineligible(`has an invalid \`required\` (at ${at})`);
    case 'items':
      if (Array.isArray(value)) {
        throw new Ineligible(`uses an \`items\` array (at ${at}), which json-schema-diff ignores`);
      }
      return copySchema(value, at, st);
    case 'additionalProperties':
    case 'not':
      return copySchema(value, at, st);
    case 'properties': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new Ineligible(`has an invalid \`properties\` (at ${at})`);
      }
      const props: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) {
        if (name === '__proto__') {
          throw new Ineligible(
            `has a property named \`__proto__\` (at ${at}), which json-schema-diff mishandles`,
          );
        }
        props[name] = copySchema(sub, pointer(at, name), st);
      }
      return props;
    }
    case 'allOf':
    case 'anyOf':
    case 'oneOf': {
      if (!Array.isArray(value) || value.length === 0) {
        throw new Ineligible(`has an invalid \`${key}\` (at ${at})`);
      }
      if (key !== 'allOf') {
        st.branches += value.length;
        if (st.branches > MAX_SEMANTIC_BRANCHES) {
          throw new Ineligible(
            `has more than ${MAX_SEMANTIC_BRANCHES} anyOf/oneOf branches, on which json-schema-diff is exponential`,
          );
        }
      }
      return value.map((sub: unknown, i) => copySchema(sub, pointer(at, String(i)), st));
    }
    default:
      // Unreachable: every supported keyword is handled above.
      throw new Ineligible(`uses \`${key}\` (at ${at}), which json-schema-diff does not support`);
  }
}

type Prepared = { ok: true; copy: unknown } | { ok: false; reason: string };

/** The eligibility walk and the stripped private copy, in one pass. The copy shares no object with the input. */
function prepare(schema: unknown): Prepared {
  try {
    return { ok: true, copy: copySchema(schema, '', { nodes: 0, branches: 0, onPath: new Set() }) };
  } catch (e) {
    if (e instanceof Ineligible) return { ok: false, reason: e.message };
    throw e;
  }
}

/** Whether json-schema-diff can be trusted with this schema; otherwise why not (naming the keyword or limit). */
export function semanticEligibility(schema: unknown): SemanticEligibility {
  const p = prepare(schema);
  return p.ok ? { ok: true } : { ok: false, reason: p.reason };
}

// ---------------------------------------------------------------------------------------------------------
// The worker. json-schema-diff runs off the main thread so a call that takes too long can be stopped:
// `terminate()` is the only way to interrupt a synchronous computation.

/**
 * Plain JS, evaluated as a CommonJS script in the worker. json-schema-diff is loaded by the absolute path the
 * parent resolved, through a require rooted at that path, so it works the same under vitest (running
 * src/diff/semantic.ts) and from the tsc build (dist/src/diff/semantic.js), whatever the working directory;
 * or, in a bundle that ships without node_modules (the Action), from its code bundled as one CommonJS module.
 */
const WORKER_CODE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
let jsd;
try {
  if (typeof workerData.moduleSource === 'string') {
    const module = { exports: {} };
    new Function('module', 'exports', 'require', workerData.moduleSource)(module, module.exports, require);
    jsd = module.exports;
  } else {
    jsd = createRequire(workerData.modulePath)(workerData.modulePath);
  }
} catch (e) {
  parentPort.postMessage({ type: 'fatal', message: String((e && e.message) || e) });
}
if (jsd) {
  parentPort.on('message', (msg) => {
    Promise.resolve()
      .then(() => jsd.diffSchemas({ sourceSchema: msg.oldSchema, destinationSchema: msg.newSchema }))
      .then(
        (r) => {
          if (typeof r.additionsFound !== 'boolean' || typeof r.removalsFound !== 'boolean') {
            throw new Error('json-schema-diff returned an unexpected result');
          }
          parentPort.postMessage({ type: 'result', id: msg.id, widens: r.additionsFound, narrows: r.removalsFound });
        },
      )
      .catch((e) => parentPort.postMessage({ type: 'error', id: msg.id, message: String((e && e.message) || e) }));
  });
  parentPort.postMessage({ type: 'ready' });
}
`;

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; widens: boolean; narrows: boolean }
  | { type: 'error'; id: number; message: string };

interface Job {
  id: number;
  oldSchema: unknown;
  newSchema: unknown;
  timeoutMs: number;
  resolve: (answer: SemanticAnswer) => void;
}

interface Live {
  worker: Worker;
  ready: Promise<void>;
  /** Set while a job is in flight: settles it and moves on. */
  onMessage?: (msg: WorkerMessage) => void;
  onDeath?: (reason: string) => void;
}

let live: Live | undefined;
let running: Job | undefined;
const queue: Job[] = [];
let nextId = 1;
/** Settles the job in flight as cancelled (used by `shutdownSemanticWorker`). */
let cancelRunning: (() => void) | undefined;
let modulePath: string | undefined;

/** json-schema-diff bundled as one CommonJS module's code (see `useJsonSchemaDiffSource`). */
let moduleSource: string | undefined;

/**
 * Runs json-schema-diff from `source` (the package bundled into one CommonJS module) instead of resolving it
 * from node_modules: for a bundle that ships without them (the GitHub Action). Call before the first diff.
 */
export function useJsonSchemaDiffSource(source: string): void {
  moduleSource = source;
}

function jsdModulePath(): string {
  modulePath ??= createRequire(import.meta.url).resolve('json-schema-diff');
  return modulePath;
}

function workerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && k !== 'JSON_SCHEMA_DIFF_ENABLE_DEBUG') env[k] = v;
  }
  return env;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Starts the shared worker if there is none. It is unref'd: an idle worker never keeps a CLI process alive. */
function ensureWorker(): Live {
  if (live) return live;
  const worker = new Worker(WORKER_CODE, {
    eval: true,
    workerData: moduleSource === undefined ? { modulePath: jsdModulePath() } : { moduleSource },
    // Exponential set algebra also eats memory: let the worker die of it rather than the process.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
    // Its output is not ours to print: a CLI's stdout may be a JSON report. The streams are left unread (reading
    // them would keep the process alive), and json-schema-diff's one source of output, its debug logging, is
    // switched off so nothing piles up in them.
    stdout: true,
    stderr: true,
    env: workerEnv(),
  });
  let settleReady: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  // Nobody may be waiting on `ready` when it fails (e.g. the worker dies idle); never an unhandled rejection.
  ready.catch(() => undefined);
  const handle: Live = { worker, ready };
  const die = (reason: string): void => {
    if (live === handle) live = undefined;
    settleReady?.reject(new Error(reason));
    handle.onDeath?.(reason);
  };
  worker.on('message', (msg: WorkerMessage) => {
    if (msg.type === 'ready') settleReady?.resolve();
    else if (msg.type === 'fatal') {
      die(`could not load json-schema-diff: ${msg.message}`);
      void worker.terminate();
    } else handle.onMessage?.(msg);
  });
  worker.on('error', (e) => die(`json-schema-diff worker failed: ${describeError(e)}`));
  worker.on('exit', (code) => die(`json-schema-diff worker exited (code ${code})`));
  // Last: adding a 'message' listener refs the worker again. While a call is in flight its timer keeps the
  // process alive instead.
  worker.unref();
  live = handle;
  return handle;
}

function kill(handle: Live): void {
  if (live === handle) live = undefined;
  handle.onMessage = undefined;
  handle.onDeath = undefined;
  void handle.worker.terminate();
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

/** Runs queued jobs one at a time: the worker is single-threaded anyway, and a time limit is per call. */
async function pump(): Promise<void> {
  if (running) return;
  const job = queue.shift();
  if (!job) return;
  running = job;
  let settled = false;
  const finish = (answer: SemanticAnswer): void => {
    if (settled) return;
    settled = true;
    running = undefined;
    cancelRunning = undefined;
    job.resolve(answer);
    void pump();
  };

  cancelRunning = () => finish({ kind: 'undecided', reason: 'semantic check cancelled: worker shut down' });

  let handle: Live;
  try {
    handle = ensureWorker();
    // Loading json-schema-diff is not the call's time: a cold start must not eat a short limit (which would
    // otherwise time out, respawn, and time out again forever).
    await withTimeout(
      handle.ready,
      WORKER_START_LIMIT_MS,
      () => new Error(`json-schema-diff worker did not start within ${WORKER_START_LIMIT_MS} ms`),
    );
  } catch (e) {
    if (live) kill(live);
    finish({ kind: 'undecided', reason: describeError(e) });
    return;
  }
  if (settled) return; // cancelled by shutdownSemanticWorker while starting

  const timer = setTimeout(() => {
    // The only way to stop a synchronous computation; the next job starts a fresh worker.
    kill(handle);
    finish({ kind: 'undecided', reason: `json-schema-diff gave no answer within ${job.timeoutMs} ms` });
  }, job.timeoutMs);
  const done = (answer: SemanticAnswer): void => {
    clearTimeout(timer);
    handle.onMessage = undefined;
    handle.onDeath = undefined;
    finish(answer);
  };
  handle.onMessage = (msg) => {
    if (msg.type === 'result' && msg.id === job.id) {
      done({ kind: 'decided', widens: msg.widens, narrows: msg.narrows });
    } else if (msg.type === 'error' && msg.id === job.id) {
      done({ kind: 'undecided', reason: `json-schema-diff failed: ${msg.message}` });
    }
  };
  handle.onDeath = (reason) => done({ kind: 'undecided', reason });
  cancelRunning = () => done({ kind: 'undecided', reason: 'semantic check cancelled: worker shut down' });
  handle.worker.postMessage({ id: job.id, oldSchema: job.oldSchema, newSchema: job.newSchema });
}

/**
 * Compares two schemas by set inclusion with json-schema-diff, in a worker thread with a time limit.
 * Never throws and never hangs: anything json-schema-diff cannot be trusted with, or does not answer in time,
 * is `undecided` with the reason.
 */
export async function semanticCompare(
  oldSchema: unknown,
  newSchema: unknown,
  opts: { timeoutMs?: number } = {},
): Promise<SemanticAnswer> {
  const oldCopy = prepare(oldSchema);
  if (!oldCopy.ok) return { kind: 'undecided', reason: `old schema ${oldCopy.reason}` };
  const newCopy = prepare(newSchema);
  if (!newCopy.ok) return { kind: 'undecided', reason: `new schema ${newCopy.reason}` };
  const t = opts.timeoutMs;
  // setTimeout fires at once for delays beyond 2^31 - 1 ms.
  const timeoutMs =
    t !== undefined && Number.isFinite(t) && t > 0 ? Math.min(t, 2_147_483_647) : DEFAULT_SEMANTIC_TIMEOUT_MS;
  return new Promise<SemanticAnswer>((resolve) => {
    // The copies are fresh objects (built by `prepare`) and `postMessage` structured-clones them once more into
    // the worker, so json-schema-diff's mutations can reach neither the caller's schemas nor each other.
    queue.push({ id: nextId++, oldSchema: oldCopy.copy, newSchema: newCopy.copy, timeoutMs, resolve });
    void pump();
  });
}

/** Stops the shared worker; pending checks answer `undecided`. The next `semanticCompare` starts a new one. */
export async function shutdownSemanticWorker(): Promise<void> {
  for (const job of queue.splice(0)) {
    job.resolve({ kind: 'undecided', reason: 'semantic check cancelled: worker shut down' });
  }
  const cancel = cancelRunning;
  cancelRunning = undefined;
  cancel?.();
  const handle = live;
  if (!handle) return;
  live = undefined;
  handle.onMessage = undefined;
  handle.onDeath = undefined;
  await handle.worker.terminate();
}
