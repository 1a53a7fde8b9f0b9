/**
 * Impact: which registered consumers a change breaks (DESIGN §4 `consumers/`).
 *
 * - A breaking or dangerous change in a version's `output` affects a consumer of that major when the
 *   consumer's `expects` schema constrains the field at the change's path, one of its ancestors (when that
 *   ancestor's expects node does not describe its children, or is reached again through recursion), or one
 *   of its descendants. A consumer that never reads `legacyId` is not affected by its removal. A consumer
 *   without `expects` (or whose `expects` did not resolve) is affected by every such change.
 * - A breaking change in `input`, `sideEffects`, `operational`, `errors` or `auth` affects every consumer of
 *   that major.
 * Consumers come from head; when head registers none for the major (a consumer file removed in the same PR),
 * from base.
 */
import type { ContractSet, LoadedConsumer } from '../model/types.js';
import type { ResolvedSchema } from '../schema/types.js';
import { isPlainObject } from '../schema/wellformed.js';
import { HTTP_ONLY_RULES } from '../tree/rules/transport.js';
import type { Area, TreeChange, VersionReport } from '../tree/types.js';
import { type FieldStep, fieldSteps, related } from './fields.js';

export interface AffectedConsumer {
  name: string;
  owner: string;
  kind: string;
}

const WHOLE_MAJOR_AREAS = new Set<Area>(['input', 'sideEffects', 'operational', 'errors', 'auth']);

/**
 * The versions with `consumers` set on each change that breaks someone (new objects; the input is kept). A
 * new major's migration names the consumers of the major they move from, and on each of its changes the
 * ones it breaks when they move.
 */
export function markConsumers(
  versions: VersionReport[],
  base: ContractSet,
  head: ContractSet,
): VersionReport[] {
  const usersOf = (endpoint: string, major: number): Use[] => {
    const uses = usesOf(head, endpoint, major);
    return uses.length > 0 ? uses : usesOf(base, endpoint, major);
  };
  return versions.map((version) => {
    const marked = mark(version.changes, usersOf(version.endpoint, version.major));
    const migration = version.migration;
    if (migration === undefined)
      return marked === version.changes ? version : { ...version, changes: marked };
    const movers = usersOf(version.endpoint, migration.from);
    const consumers = consumersOf(movers);
    return {
      ...version,
      changes: marked,
      migration: {
        ...migration,
        changes: mark(migration.changes, movers),
        ...(consumers.length === 0 ? {} : { consumers }),
      },
    };
  });
}

/** `changes` with the consumers each breaks; the same array when it breaks none. */
function mark(changes: TreeChange[], users: readonly Use[]): TreeChange[] {
  if (users.length === 0) return changes;
  let touched = false;
  const out = changes.map((change) => {
    const affected = affectedBy(change, users);
    if (affected.length === 0) return change;
    touched = true;
    return { ...change, consumers: affected };
  });
  return touched ? out : changes;
}

interface Use {
  consumer: LoadedConsumer;
  expects: ResolvedSchema | undefined;
}

function usesOf(set: ContractSet, endpoint: string, major: number): Use[] {
  const out: Use[] = [];
  for (const consumer of set.consumers) {
    consumer.consumer.uses.forEach((use, index) => {
      if (use.endpoint === endpoint && use.version === major)
        out.push({ consumer, expects: consumer.expects?.[index] });
    });
  }
  return out;
}

/** The consumers (in registration order, each once) that `change` affects. */
export function affectedBy(change: TreeChange, uses: readonly Use[]): AffectedConsumer[] {
  let hit: Use[] = [];
  if (change.area === 'output' && (change.severity === 'breaking' || change.severity === 'dangerous')) {
    const steps = fieldSteps(change.path);
    hit = uses.filter((use) => use.expects === undefined || steps === undefined || reads(use.expects, steps));
  } else if (WHOLE_MAJOR_AREAS.has(change.area) && change.severity === 'breaking') {
    // A route, authentication or response-mode change reaches only the callers that come over HTTP.
    hit = HTTP_ONLY_RULES.has(change.rule) ? uses.filter((use) => use.consumer.direct !== true) : [...uses];
  }
  return consumersOf(hit);
}

/** The consumers of some uses, each once, in registration order. */
function consumersOf(uses: readonly Use[]): AffectedConsumer[] {
  const seen = new Set<string>();
  const out: AffectedConsumer[] = [];
  for (const { consumer } of uses) {
    const { name, owner, kind } = consumer.consumer;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, owner, kind });
  }
  return out;
}

/** A field an `expects` schema constrains; `deep` when it covers everything below it too. */
interface Read {
  steps: FieldStep[];
  deep: boolean;
}

const reads_ = new WeakMap<object, Read[]>();

/** Whether the consumer's `expects` constrains the field at `steps`, an ancestor or a descendant of it. */
export function reads(expects: ResolvedSchema, steps: readonly FieldStep[]): boolean {
  return readsOf(expects).some(
    (read) =>
      (steps.length <= read.steps.length && related(steps, read.steps)) ||
      (read.deep && related(read.steps, steps)),
  );
}

const ANY_PROPERTY = ['additionalProperties', 'unevaluatedProperties'];
const ANY_ITEM = ['items', 'additionalItems', 'unevaluatedItems', 'contains'];
const SAME_PLACE = ['not', 'if', 'then', 'else'];
const SAME_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'];
const CHILD_KEYWORDS = ['properties', 'patternProperties', 'prefixItems', ...ANY_PROPERTY, ...ANY_ITEM];

/** Every field an `expects` schema constrains (computed once per schema; iterative, cycle-safe). */
function readsOf(expects: ResolvedSchema): Read[] {
  const root = expects.root;
  if (!isPlainObject(root)) return [{ steps: [], deep: true }];
  const cached = reads_.get(root);
  if (cached) return cached;
  const out: Read[] = [];
  const seen = new Set<object>();
  const stack: [unknown, FieldStep[]][] = [[root, []]];
  while (stack.length > 0) {
    const [node, steps] = stack.pop() as [unknown, FieldStep[]];
    if (!isPlainObject(node)) {
      // `true`/`false`: admits anything or nothing there; the consumer still names the place.
      out.push({ steps, deep: node === false });
      continue;
    }
    if (seen.has(node)) {
      // Recursion (or a shared node): whatever lies below counts.
      out.push({ steps, deep: true });
      continue;
    }
    seen.add(node);
    // A node whose children are described (here or in its combinator branches) covers only itself.
    const describesChildren =
      CHILD_KEYWORDS.some((k) => k in node) || SAME_PLACE_LISTS.some((k) => k in node);
    out.push({ steps, deep: !describesChildren });
    const push = (child: unknown, next: FieldStep[]) => stack.push([child, next]);
    if (isPlainObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) push(child, [...steps, name]);
    }
    if (isPlainObject(node.patternProperties)) {
      for (const child of Object.values(node.patternProperties)) push(child, [...steps, '*']);
    }
    for (const k of ANY_PROPERTY) if (k in node) push(node[k], [...steps, '*']);
    for (const k of ANY_ITEM) {
      const value = node[k];
      if (Array.isArray(value)) for (const child of value) push(child, [...steps, '[]']);
      else if (value !== undefined) push(value, [...steps, '[]']);
    }
    if (Array.isArray(node.prefixItems)) for (const child of node.prefixItems) push(child, [...steps, '[]']);
    for (const k of SAME_PLACE) if (k in node) push(node[k], steps);
    for (const k of SAME_PLACE_LISTS) {
      const value = node[k];
      if (Array.isArray(value)) for (const child of value) push(child, steps);
    }
    if (isPlainObject(node.dependentSchemas)) {
      for (const child of Object.values(node.dependentSchemas)) push(child, steps);
    }
  }
  reads_.set(root, out);
  return out;
}
