/**
 * The classifier: `diff(old, new, { direction, semantics })` → `{ verdict, changes }`.
 * Resolve → canonicalise → walk (facts) → settle undecided facts semantically → classify (changes).
 */
import { resolveSchema } from '../schema/resolve.js';
import { type ResolvedSchema, SchemaError, type SchemaValue } from '../schema/types.js';
import {
  type CSchema,
  SCHEMA_LIST_KEYWORDS,
  SCHEMA_MAP_KEYWORDS,
  SINGLE_SCHEMA_KEYWORDS,
} from './canonical.js';
import { classify } from './classify.js';
import { flip } from './effect.js';
import { normalizeSchema } from './normalize.js';
import { ruleById } from './rules/index.js';
import { DEFAULT_SEMANTIC_TIMEOUT_MS, semanticCompare } from './semantic.js';
import { type DiffOptions, type DiffResult, type Effect, type Fact, maxSeverity } from './types.js';
import { type SemanticQuestion, Walker, newShared } from './walk.js';

export type { Change, DiffOptions, DiffResult, Direction, Semantics, Severity } from './types.js';

/** Classify the difference between two resolved schemas. */
export async function diffSchemas(
  oldSchema: ResolvedSchema,
  newSchema: ResolvedSchema,
  options: DiffOptions,
): Promise<DiffResult> {
  // The same resolved schema on both sides (a loader that shares unchanged files) has nothing to compare.
  if (oldSchema === newSchema || oldSchema.root === newSchema.root) return { verdict: 'none', changes: [] };
  const before = canonical(oldSchema);
  const after = canonical(newSchema);
  const shared = newShared(before.origins, after.origins);
  const walker = new Walker(shared);
  walker.compare(before.schema, after.schema, '', '', 1);
  await settle(walker.facts, shared.questions, options.semanticTimeoutMs ?? DEFAULT_SEMANTIC_TIMEOUT_MS);
  const changes = classify(walker.facts, options);
  return { verdict: maxSeverity(changes.map((c) => c.severity)), changes };
}

const canonicalCache = new WeakMap<ResolvedSchema, ReturnType<typeof normalizeSchema>>();

/** Canonical form of a resolved schema, computed once per schema object (a tree diff reuses them). */
function canonical(schema: ResolvedSchema): ReturnType<typeof normalizeSchema> {
  let c = canonicalCache.get(schema);
  if (!c) canonicalCache.set(schema, (c = normalizeSchema(schema.root, schema.origins)));
  return c;
}

/** Classify the difference between two in-memory schemas (only refs inside each document resolve). */
export async function diff(
  oldSchema: SchemaValue,
  newSchema: SchemaValue,
  options: DiffOptions,
): Promise<DiffResult> {
  return diffSchemas(inMemory(oldSchema, '<old>'), inMemory(newSchema, '<new>'), options);
}

function inMemory(schema: SchemaValue, file: string): ResolvedSchema {
  return resolveSchema(schema, {
    file,
    // An in-memory schema has no directory: a file $ref is an error, never a read from the working directory.
    readDocument: (abs) => {
      throw new SchemaError(
        file,
        `$ref to a file (${abs}) in an in-memory schema; load it with loadSchemaFile`,
      );
    },
  });
}

/**
 * Ask the semantic check about each undecided fact. What it cannot answer (ineligible keywords,
 * recursion, time limit) stays `unknown`, which is reported as dangerous with the reason.
 */
async function settle(
  facts: Fact[],
  questions: WeakMap<Fact, SemanticQuestion>,
  timeoutMs: number,
): Promise<void> {
  const cache = new Map<string, Promise<Effect | string>>();
  for (const fact of facts) {
    const q = questions.get(fact);
    if (!q || fact.effect !== 'unknown' || !ruleById(fact.rule)) continue;
    const oldJson = toPlain(q.old);
    const newJson = toPlain(q.new);
    if (oldJson === undefined || newJson === undefined) {
      fact.args = { ...fact.args, undecided: 'the schemas are recursive' };
      continue;
    }
    const key = `${JSON.stringify(oldJson)}\u0000${JSON.stringify(newJson)}\u0000${q.only ?? ''}`;
    let pending = cache.get(key);
    if (!pending) {
      pending = semanticCompare(oldJson, newJson, { timeoutMs }).then((answer) => {
        if (answer.kind === 'undecided') return answer.reason;
        if (q.only === 'narrows') return answer.narrows ? 'narrows' : 'none';
        if (q.only === 'widens') return answer.widens ? 'widens' : 'none';
        return answer.widens && answer.narrows
          ? 'both'
          : answer.widens
            ? 'widens'
            : answer.narrows
              ? 'narrows'
              : 'none';
      });
      cache.set(key, pending);
    }
    const result = await pending;
    if (result === 'widens' || result === 'narrows' || result === 'both' || result === 'none') {
      fact.effect = q.polarity === 1 ? result : flip(result);
      fact.args = { ...fact.args, decidedBy: 'json-schema-diff' };
    } else {
      fact.args = { ...fact.args, undecided: result };
    }
  }
}

/** A canonical schema as plain JSON, or undefined when it is recursive (the semantic check cannot take it). */
function toPlain(schema: CSchema, ancestors = new Set<object>()): unknown {
  if (schema === false) return false;
  if (ancestors.has(schema)) return undefined;
  ancestors.add(schema);
  const out: Record<string, unknown> = {};
  try {
    for (const [k, v] of Object.entries(schema)) {
      // `written` is contractguard's own note on numbers, not a keyword.
      if (v === undefined || k === 'written') continue;
      if (k === 'unknown') Object.assign(out, v);
      else if ((SINGLE_SCHEMA_KEYWORDS as readonly string[]).includes(k)) {
        const c = toPlain(v as CSchema, ancestors);
        if (c === undefined) return undefined;
        out[k] = c;
      } else if ((SCHEMA_LIST_KEYWORDS as readonly string[]).includes(k)) {
        const list = (v as CSchema[]).map((c) => toPlain(c, ancestors));
        if (list.includes(undefined)) return undefined;
        out[k] = list;
      } else if ((SCHEMA_MAP_KEYWORDS as readonly string[]).includes(k)) {
        const map: Record<string, unknown> = {};
        for (const [name, c] of Object.entries(v as Record<string, CSchema>)) {
          const p = toPlain(c, ancestors);
          if (p === undefined) return undefined;
          map[name] = p;
        }
        out[k] = map;
      } else out[k] = v;
    }
    return out;
  } finally {
    ancestors.delete(schema);
  }
}
