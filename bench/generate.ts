/**
 * Deterministic OLD/NEW schema pairs for the diff benchmark. Every generator is seeded (mulberry32, never
 * `Math.random`), so a seed always yields the same pair, byte for byte.
 *
 * Pairs use only keywords json-schema-diff supports, where the class allows it, so that both tools can be
 * timed on the same input. The exceptions are deliberate and part of what a class measures:
 *  - `small` adds an `enum` value (the class is defined by that change; json-schema-diff ignores `enum`);
 *  - `combinator` tells its union's branches apart by a `kind` `const`, the normal way to write such a union
 *    (json-schema-diff ignores `const`, so to it the branches are overlapping open objects);
 *  - `recursive` is recursive through `$ref: '#'` (json-schema-diff throws on recursion).
 * Every schema carries a 2020-12 `$schema` header, as real contracts do.
 */

export type BenchClass = 'small' | 'large' | 'flat' | 'combinator' | 'recursive';

export type JsonObject = { [key: string]: unknown };

export interface SchemaPair {
  name: BenchClass;
  /** One line for the benchmark's output. */
  description: string;
  oldSchema: JsonObject;
  newSchema: JsonObject;
  /** What the generator changed, one entry per change, as `<pointer>: <what>`. */
  changes: string[];
}

const SCHEMA_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/** mulberry32: a tiny, well-distributed 32-bit PRNG. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(0, items.length - 1)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

type LeafKind = 'string' | 'integer' | 'number' | 'boolean' | 'array';
const LEAF_KINDS: readonly LeafKind[] = ['string', 'integer', 'number', 'boolean', 'array'];

function leaf(rng: Rng, kind: LeafKind): JsonObject {
  switch (kind) {
    case 'string':
      return { type: 'string', minLength: rng.int(0, 2), maxLength: rng.int(4, 32) * 8 };
    case 'integer':
      return { type: 'integer', minimum: rng.int(0, 10), maximum: rng.int(100, 10_000) };
    case 'number':
      return { type: 'number', minimum: 0, exclusiveMaximum: rng.int(1, 1000) };
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return {
        type: 'array',
        items: { type: 'string', maxLength: rng.int(8, 64) },
        maxItems: rng.int(10, 100),
      };
  }
}

function obj(value: unknown, what: string): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${what} is not an object`);
  return value as JsonObject;
}

function propsOf(schema: JsonObject): JsonObject {
  return obj(schema.properties, 'properties');
}

function requiredOf(schema: JsonObject): string[] {
  const r = schema.required;
  if (r === undefined) return [];
  if (!Array.isArray(r)) throw new Error('required is not an array');
  return r as string[];
}

/** Makes `leafSchema` admit less: the first bound its type has. Returns a description. */
function tighten(leafSchema: JsonObject): string {
  if (typeof leafSchema.maxLength === 'number') {
    const to = Math.max(1, Math.floor(leafSchema.maxLength / 2));
    const from = leafSchema.maxLength;
    leafSchema.maxLength = to;
    return `maxLength ${from} → ${to}`;
  }
  if (typeof leafSchema.minimum === 'number') {
    const from = leafSchema.minimum;
    leafSchema.minimum = from + 5;
    return `minimum ${from} → ${from + 5}`;
  }
  if (typeof leafSchema.maxItems === 'number') {
    const from = leafSchema.maxItems;
    leafSchema.maxItems = Math.max(1, from - 5);
    return `maxItems ${from} → ${Math.max(1, from - 5)}`;
  }
  const from = JSON.stringify(leafSchema.type);
  leafSchema.type = 'string';
  return `type ${from} → "string"`;
}

function widenType(leafSchema: JsonObject): string {
  const from = leafSchema.type;
  const types = Array.isArray(from) ? (from as string[]) : [String(from)];
  leafSchema.type = [...types, 'null'];
  return `type ${JSON.stringify(from)} → ${JSON.stringify(leafSchema.type)}`;
}

// ---------------------------------------------------------------------------------------------------------

const SMALL_FIELDS: readonly [string, LeafKind | 'object' | 'enum'][] = [
  ['id', 'string'],
  ['name', 'string'],
  ['email', 'string'],
  ['age', 'integer'],
  ['score', 'number'],
  ['active', 'boolean'],
  ['tags', 'array'],
  ['status', 'enum'],
  ['createdAt', 'string'],
  ['updatedAt', 'string'],
  ['address', 'object'],
  ['phone', 'string'],
  ['rating', 'number'],
  ['loginCount', 'integer'],
  ['notes', 'string'],
  ['priority', 'integer'],
  ['parentId', 'string'],
  ['verified', 'boolean'],
  ['aliases', 'array'],
  ['metadata', 'object'],
];

/** 20 top-level properties of mixed types; changes: one property added, one enum value added, one maxLength lowered. */
export function generateSmall(seed = 1): SchemaPair {
  const rng = new Rng(seed);
  const properties: JsonObject = {};
  for (const [name, kind] of SMALL_FIELDS) {
    if (kind === 'enum') properties[name] = { type: 'string', enum: ['active', 'inactive', 'pending'] };
    else if (kind === 'object') {
      properties[name] = {
        type: 'object',
        properties: { a: leaf(rng, 'string'), b: leaf(rng, 'integer'), c: leaf(rng, 'boolean') },
        required: ['a'],
      };
    } else properties[name] = leaf(rng, kind);
  }
  // `name` is always a string with a maxLength, so the tightening below is always a maxLength change.
  properties.name = { type: 'string', minLength: 1, maxLength: rng.int(8, 16) * 8 };
  const oldSchema: JsonObject = {
    $schema: SCHEMA_2020_12,
    type: 'object',
    properties,
    required: ['id', 'name', 'status', 'createdAt'],
  };
  const newSchema = structuredClone(oldSchema);
  const np = propsOf(newSchema);
  np.nickname = leaf(rng, 'string');
  obj(np.status, 'status').enum = ['active', 'inactive', 'pending', 'archived'];
  const changes = [
    '/properties/nickname: property added',
    '/properties/status/enum: value "archived" added',
    `/properties/name: ${tighten(obj(np.name, 'name'))}`,
  ];
  return {
    name: 'small',
    description: '20 properties of mixed types; 1 property added, 1 enum value added, 1 maxLength lowered',
    oldSchema,
    newSchema,
    changes,
  };
}

/** `count` leaves of mixed kinds named `<prefix>0`, `<prefix>1`, …, about 30% of them required. */
function mixedLeaves(rng: Rng, count: number, prefix: string): { leaves: JsonObject; required: string[] } {
  const leaves: JsonObject = {};
  const required: string[] = [];
  for (let f = 0; f < count; f++) {
    const name = `${prefix}${f}`;
    leaves[name] = leaf(rng, rng.pick(LEAF_KINDS));
    if (rng.chance(0.3)) required.push(name);
  }
  return { leaves, required };
}

/** The five kinds of change the large and flat pairs make, in turn. */
const CHANGE_KINDS = ['tighten', 'widen', 'remove', 'add', 'required'] as const;

/**
 * One change to the leaf `name` of the object schema `parent` (whose properties live at pointer `at`): a bound
 * tightened, a type widened with `null`, the leaf removed, a sibling added, or its `required` status flipped.
 * Returns the change as `<pointer>: <what>`.
 */
function changeLeaf(
  rng: Rng,
  kind: (typeof CHANGE_KINDS)[number],
  parent: JsonObject,
  name: string,
  at: string,
): string {
  const leaves = propsOf(parent);
  const required = requiredOf(parent);
  const where = `${at}/${name}`;
  switch (kind) {
    case 'tighten':
      return `${where}: ${tighten(obj(leaves[name], name))}`;
    case 'widen':
      return `${where}: ${widenType(obj(leaves[name], name))}`;
    case 'remove':
      delete leaves[name];
      parent.required = required.filter((r) => r !== name);
      return `${where}: property removed`;
    case 'add':
      leaves[`${name}_added`] = leaf(rng, 'string');
      return `${where}_added: property added`;
    case 'required':
      if (required.includes(name)) {
        parent.required = required.filter((r) => r !== name);
        return `${where}: no longer required`;
      }
      parent.required = [...required, name];
      return `${where}: now required`;
  }
}

export const LARGE_GROUPS = 10;
export const LARGE_SUBGROUPS = 10;
export const LARGE_LEAVES = 20;
export const LARGE_CHANGES = 10;

/**
 * 2,000 leaf properties nested 4 deep (root → 10 groups → 10 sections each → 20 leaves each; 2,110 property
 * entries in all) with 10 changes scattered by the seed, two of each: a bound tightened, a type widened with
 * `null`, a leaf removed, a leaf added, a leaf's `required` status flipped.
 */
export function generateLarge(seed = 2): SchemaPair {
  const rng = new Rng(seed);
  const groups: JsonObject = {};
  for (let g = 0; g < LARGE_GROUPS; g++) {
    const sections: JsonObject = {};
    for (let s = 0; s < LARGE_SUBGROUPS; s++) {
      const { leaves, required } = mixedLeaves(rng, LARGE_LEAVES, 'f');
      sections[`s${s}`] = { type: 'object', properties: leaves, required };
    }
    groups[`g${g}`] = { type: 'object', properties: sections, required: ['s0'] };
  }
  const oldSchema: JsonObject = {
    $schema: SCHEMA_2020_12,
    type: 'object',
    properties: groups,
    required: ['g0'],
  };
  const newSchema = structuredClone(oldSchema);

  const taken = new Set<string>();
  const changes: string[] = [];
  while (changes.length < LARGE_CHANGES) {
    const g = rng.int(0, LARGE_GROUPS - 1);
    const s = rng.int(0, LARGE_SUBGROUPS - 1);
    const f = rng.int(0, LARGE_LEAVES - 1);
    const key = `${g}/${s}/${f}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const section = obj(propsOf(obj(propsOf(newSchema)[`g${g}`], 'group'))[`s${s}`], 'section');
    const kind = CHANGE_KINDS[changes.length % CHANGE_KINDS.length] ?? 'tighten';
    changes.push(changeLeaf(rng, kind, section, `f${f}`, `/properties/g${g}/properties/s${s}/properties`));
  }
  return {
    name: 'large',
    description: `${LARGE_GROUPS * LARGE_SUBGROUPS * LARGE_LEAVES} leaf properties nested 4 deep; ${LARGE_CHANGES} scattered changes`,
    oldSchema,
    newSchema,
    changes,
  };
}

export const FLAT_PROPERTIES = 400;
export const FLAT_CHANGES = 2;

/**
 * One flat object of 400 leaf properties of mixed types (about 30% required) with 2 changes scattered by the
 * seed, the first kinds of the large pair's: a bound tightened, a type widened with `null`. The CLI benchmark
 * runs both tools on it as whole processes. json-schema-diff answers on it in seconds (a leaf removed as a
 * third change takes it minutes; on the large pair it never finishes).
 */
export function generateFlat(seed = 5, properties = FLAT_PROPERTIES, changeCount = FLAT_CHANGES): SchemaPair {
  const rng = new Rng(seed);
  const { leaves, required } = mixedLeaves(rng, properties, 'p');
  const oldSchema: JsonObject = { $schema: SCHEMA_2020_12, type: 'object', properties: leaves, required };
  const newSchema = structuredClone(oldSchema);
  const taken = new Set<number>();
  const changes: string[] = [];
  while (changes.length < changeCount) {
    const f = rng.int(0, properties - 1);
    if (taken.has(f)) continue;
    taken.add(f);
    const kind = CHANGE_KINDS[changes.length % CHANGE_KINDS.length] ?? 'tighten';
    changes.push(changeLeaf(rng, kind, newSchema, `p${f}`, '/properties'));
  }
  return {
    name: 'flat',
    description: `${properties} leaf properties in one object; ${changeCount} scattered changes`,
    oldSchema,
    newSchema,
    changes,
  };
}

export const COMBINATOR_BRANCHES = 20;

/**
 * An event union: `anyOf` of 20 object branches told apart by a `kind` const (the normal way to write it;
 * json-schema-diff ignores `const`), each with 4 to 7 fields; three branches changed.
 */
export function generateCombinator(seed = 3): SchemaPair {
  const rng = new Rng(seed);
  const branches: JsonObject[] = [];
  for (let i = 0; i < COMBINATOR_BRANCHES; i++) {
    const properties: JsonObject = {
      kind: { const: `event_${i}` },
      id: { type: 'string', minLength: 1, maxLength: 64 },
      at: { type: 'integer', minimum: 0 },
    };
    const fields = rng.int(1, 4);
    for (let f = 0; f < fields; f++) properties[`field${f}`] = leaf(rng, rng.pick(LEAF_KINDS));
    branches.push({ type: 'object', properties, required: ['kind', 'id', 'at'] });
  }
  const oldSchema: JsonObject = { $schema: SCHEMA_2020_12, anyOf: branches };
  const newSchema = structuredClone(oldSchema);
  const nb = newSchema.anyOf as JsonObject[];
  const b4 = obj(nb[4], 'branch 4');
  const b11 = obj(nb[11], 'branch 11');
  const b17 = obj(nb[17], 'branch 17');
  propsOf(b11).reason = { type: 'string', maxLength: 200 };
  b11.required = [...requiredOf(b11), 'reason'];
  const changes = [
    `/anyOf/4/properties/id: ${tighten(obj(propsOf(b4).id, 'id'))}`,
    '/anyOf/11/properties/reason: required property added',
    `/anyOf/17/properties/at: ${widenType(obj(propsOf(b17).at, 'at'))}`,
  ];
  return {
    name: 'combinator',
    description: `anyOf of ${COMBINATOR_BRANCHES} object branches told apart by a \`kind\` const; 3 branches changed`,
    oldSchema,
    newSchema,
    changes,
  };
}

export const RECURSIVE_FIELDS = 15;

/** A tree node: 15 fields plus `children: { type: array, items: { $ref: '#' } }`; three changes in the node. */
export function generateRecursive(seed = 4): SchemaPair {
  const rng = new Rng(seed);
  const properties: JsonObject = {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    label: { type: 'string', maxLength: rng.int(8, 16) * 8 },
  };
  for (let f = 0; Object.keys(properties).length < RECURSIVE_FIELDS; f++) {
    properties[`attr${f}`] = leaf(rng, rng.pick(LEAF_KINDS));
  }
  properties.children = { type: 'array', items: { $ref: '#' }, maxItems: 1000 };
  const oldSchema: JsonObject = {
    $schema: SCHEMA_2020_12,
    type: 'object',
    properties,
    required: ['id', 'children'],
  };
  const newSchema = structuredClone(oldSchema);
  const np = propsOf(newSchema);
  np.weight = { type: 'number', minimum: 0 };
  newSchema.required = [...requiredOf(newSchema), 'weight'];
  const changes = [
    `/properties/label: ${tighten(obj(np.label, 'label'))}`,
    `/properties/attr0: ${widenType(obj(np.attr0, 'attr0'))}`,
    '/properties/weight: required property added',
  ];
  return {
    name: 'recursive',
    description: `tree node with ${RECURSIVE_FIELDS} fields and children: items {$ref: '#'}; 3 changes in the node`,
    oldSchema,
    newSchema,
    changes,
  };
}

/** The four benchmark classes with their default seeds. */
export function generateAll(): SchemaPair[] {
  return [generateSmall(), generateLarge(), generateCombinator(), generateRecursive()];
}

/** Number of entries in every `properties` map of a (non-cyclic) schema tree. */
export function countProperties(schema: unknown): number {
  let count = 0;
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...(node as unknown[]));
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        count += Object.keys(value).length;
      }
      if (key !== 'enum' && key !== 'const') stack.push(value);
    }
  }
  return count;
}

/** Number of properties whose schema declares no `properties` of its own (the leaves). */
export function countLeafProperties(schema: unknown): number {
  let count = 0;
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const props = (node as JsonObject).properties;
    if (props === null || typeof props !== 'object' || Array.isArray(props)) continue;
    for (const sub of Object.values(props)) {
      const isLeaf =
        sub === null ||
        typeof sub !== 'object' ||
        Array.isArray(sub) ||
        (sub as JsonObject).properties === undefined;
      if (isLeaf) count++;
      else stack.push(sub);
    }
  }
  return count;
}

// ---- contract trees -------------------------------------------------------------------------------------

/**
 * A generated contract tree (files relative to the contract root), for the scale benchmark and the property
 * test of change-driven loading: `endpoints` endpoints `endpoint-00000`… with `majors` majors each (the last
 * active, the others deprecated), every major's contract.yaml with input and output schema files beside it;
 * the first `sharedUsers` versions `$ref` `shared/customer.schema.json`; with `crossRefs`, every fifth
 * endpoint's output `$ref`s the endpoint before it; `consumers` consumers with fixtures and `expects`.
 */
export interface TreeSpec {
  endpoints: number;
  majors: number;
  sharedUsers?: number;
  crossRefs?: boolean;
  consumers?: number;
}

/** Path (relative to the contract root) → text. */
export type TreeFiles = Map<string, string>;

export function endpointName(i: number): string {
  return `endpoint-${String(i).padStart(5, '0')}`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A version's input schema (also bench/tree.bench.ts's). */
export function treeInput(usesShared: boolean, required: string[] = ['id']): string {
  return json({
    $schema: SCHEMA_2020_12,
    type: 'object',
    required,
    properties: {
      id: { type: 'string' },
      tenant: { type: 'string' },
      dryRun: { type: 'boolean', default: false },
      ...(usesShared ? { customer: { $ref: '../../shared/customer.schema.json' } } : {}),
    },
  });
}

/** A version's output schema, `peer` one whose `$defs/Item` it refers to (also bench/tree.bench.ts's). */
export function treeOutput(
  i: number,
  peer: string | undefined,
  status = ['active', 'paused', 'closed'],
): string {
  return json({
    $schema: SCHEMA_2020_12,
    type: 'object',
    required: ['id', 'status'],
    properties: {
      id: { type: 'string' },
      status: { enum: status },
      total: { type: 'number', minimum: 0 },
      items: { type: 'array', items: { $ref: '#/$defs/Item' } },
      [`field${i % 7}`]: { type: 'string', maxLength: 64 },
      ...(peer === undefined ? {} : { peer: { $ref: `../../${peer}/v1/output.schema.json#/$defs/Item` } }),
    },
    $defs: { Item: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
  });
}

function treeContract(
  name: string,
  major: number,
  majors: number,
  version = `${major}.0.0`,
  timeoutMs = 10000,
): string {
  return [
    `endpoint: ${name}`,
    `version: ${version}`,
    `owner: "@acme/team-${major}"`,
    `status: ${major === majors ? 'active' : 'deprecated'}`,
    ...(major < majors ? [`deprecation: { date: 2099-01-01, replacement: ${major + 1} }`] : []),
    'input: { $ref: ./input.schema.json }',
    'output: { $ref: ./output.schema.json }',
    'sideEffects: { writes: [db.orders], idempotent: true, idempotencyKey: id }',
    `operational: { timeoutMs: ${timeoutMs}, rateLimit: { requests: 100, perSeconds: 60 } }`,
    'errors:',
    '  - { code: UPSTREAM_TIMEOUT, status: 504, retryable: true }',
    '',
  ].join('\n');
}

function treeEndpoint(name: string, prod: number, owner = '@acme/team'): string {
  return `name: ${name}\nowner: "${owner}"\nroute: /internal/${name}/v{major}\naliases: { prod: ${prod} }\n`;
}

const CUSTOMER = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' }, name: { type: 'string' } },
};

function consumerName(c: number): string {
  return `consumer-${String(c).padStart(3, '0')}`;
}

function treeConsumer(c: number, uses: { endpoint: string; major: number }[]): string {
  const name = consumerName(c);
  const lines = [`name: ${name}`, `owner: "@acme/consumers"`, 'kind: job', 'uses:'];
  for (const use of uses) {
    lines.push(`  - endpoint: ${use.endpoint}`, `    version: ${use.major}`);
    if (c % 2 === 0) lines.push('    expects: { type: object, properties: { id: { type: string } } }');
    lines.push('    fixtures:', `      - response: ./fixtures/${name}.response.json`);
  }
  return `${lines.join('\n')}\n`;
}

/** Which versions (`<endpoint>/<major>`) `$ref` the shared schema: the first `sharedUsers` in order. */
function usesShared(spec: TreeSpec, i: number, major: number): boolean {
  return i * spec.majors + (major - 1) < (spec.sharedUsers ?? 0);
}

function consumerUses(spec: TreeSpec, c: number): { endpoint: string; major: number }[] {
  const first = (c * 3) % spec.endpoints;
  const uses = [{ endpoint: endpointName(first), major: 1 }];
  if (c % 3 === 1 && spec.endpoints > 1)
    uses.push({ endpoint: endpointName((first + 1) % spec.endpoints), major: spec.majors });
  return uses;
}

export function generateTree(spec: TreeSpec): TreeFiles {
  const files: TreeFiles = new Map();
  files.set('contractguard.yaml', 'failOn: breaking\nrequireMinorBump: error\n');
  if ((spec.sharedUsers ?? 0) > 0) files.set('shared/customer.schema.json', json(CUSTOMER));
  for (let i = 0; i < spec.endpoints; i++) {
    const name = endpointName(i);
    files.set(`${name}/endpoint.yaml`, treeEndpoint(name, spec.majors));
    const peer = spec.crossRefs && i % 5 === 4 ? endpointName(i - 1) : undefined;
    for (let major = 1; major <= spec.majors; major++) {
      files.set(`${name}/v${major}/contract.yaml`, treeContract(name, major, spec.majors));
      files.set(`${name}/v${major}/input.schema.json`, treeInput(usesShared(spec, i, major)));
      files.set(`${name}/v${major}/output.schema.json`, treeOutput(i, peer));
    }
  }
  for (let c = 0; c < (spec.consumers ?? 0); c++) {
    files.set(`consumers/${consumerName(c)}.yaml`, treeConsumer(c, consumerUses(spec, c)));
    files.set(`consumers/fixtures/${consumerName(c)}.response.json`, json({ id: `c${c}`, status: 'active' }));
  }
  return files;
}

/** One edit of a generated tree: what a PR might do. */
export type TreeEdit =
  | {
      kind: 'output-enum' | 'input-required' | 'timeout' | 'bump' | 'break-file';
      endpoint: number;
      major: number;
    }
  | { kind: 'remove-major'; endpoint: number; major: number }
  | { kind: 'owner' | 'alias' | 'add-major' | 'remove-endpoint'; endpoint: number }
  | { kind: 'add-endpoint' | 'shared' | 'remove-shared' | 'policy' | 'stray' }
  | { kind: 'consumer-uses' | 'remove-consumer' | 'fixture'; consumer: number };

export const TREE_EDIT_KINDS = [
  'output-enum',
  'input-required',
  'timeout',
  'bump',
  'break-file',
  'remove-major',
  'owner',
  'alias',
  'add-major',
  'remove-endpoint',
  'add-endpoint',
  'shared',
  'remove-shared',
  'policy',
  'stray',
  'consumer-uses',
  'remove-consumer',
  'fixture',
] as const;

/** `files` with `edits` applied (a new map; edits of something no longer there change nothing). */
export function applyTreeEdits(spec: TreeSpec, base: TreeFiles, edits: readonly TreeEdit[]): TreeFiles {
  const files = new Map(base);
  const change = (file: string, edit: (text: string) => string) => {
    const text = files.get(file);
    if (text !== undefined) files.set(file, edit(text));
  };
  for (const e of edits) {
    switch (e.kind) {
      case 'output-enum':
        change(`${endpointName(e.endpoint)}/v${e.major}/output.schema.json`, (t) =>
          t.replace('"closed"', '"closed",\n        "frozen"'),
        );
        break;
      case 'input-required':
        change(`${endpointName(e.endpoint)}/v${e.major}/input.schema.json`, (t) =>
          t.replace('"required": [\n    "id"\n  ]', '"required": [\n    "id",\n    "tenant"\n  ]'),
        );
        break;
      case 'timeout':
        change(`${endpointName(e.endpoint)}/v${e.major}/contract.yaml`, (t) =>
          t.replace('timeoutMs: 10000', 'timeoutMs: 5000'),
        );
        break;
      case 'bump':
        change(`${endpointName(e.endpoint)}/v${e.major}/contract.yaml`, (t) =>
          t.replace(/version: (\d+)\.0\.0/, 'version: $1.1.0'),
        );
        break;
      case 'break-file':
        change(`${endpointName(e.endpoint)}/v${e.major}/contract.yaml`, (t) => `${t}status: [\n`);
        break;
      case 'remove-major':
        for (const file of [...files.keys()])
          if (file.startsWith(`${endpointName(e.endpoint)}/v${e.major}/`)) files.delete(file);
        break;
      case 'owner':
        change(`${endpointName(e.endpoint)}/endpoint.yaml`, (t) =>
          t.replace('"@acme/team"', '"@acme/other-team"'),
        );
        break;
      case 'alias':
        change(`${endpointName(e.endpoint)}/endpoint.yaml`, (t) => t.replace(/prod: \d+/, 'prod: 1'));
        break;
      case 'add-major': {
        const name = endpointName(e.endpoint);
        if (!files.has(`${name}/endpoint.yaml`)) break;
        const major = spec.majors + 1;
        files.set(`${name}/v${major}/contract.yaml`, treeContract(name, major, major));
        files.set(`${name}/v${major}/input.schema.json`, treeInput(false, ['id', 'tenant']));
        files.set(`${name}/v${major}/output.schema.json`, treeOutput(e.endpoint, undefined));
        break;
      }
      case 'remove-endpoint':
        for (const file of [...files.keys()])
          if (file.startsWith(`${endpointName(e.endpoint)}/`)) files.delete(file);
        break;
      case 'add-endpoint': {
        const name = endpointName(spec.endpoints);
        files.set(`${name}/endpoint.yaml`, treeEndpoint(name, 1));
        files.set(`${name}/v1/contract.yaml`, treeContract(name, 1, 1));
        files.set(`${name}/v1/input.schema.json`, treeInput(false));
        files.set(`${name}/v1/output.schema.json`, treeOutput(spec.endpoints, undefined));
        break;
      }
      case 'shared':
        change('shared/customer.schema.json', (t) => t.replace('"id"\n  ]', '"id",\n    "name"\n  ]'));
        break;
      case 'remove-shared':
        files.delete('shared/customer.schema.json');
        break;
      case 'policy':
        change('contractguard.yaml', (t) => t.replace('failOn: breaking', 'failOn: dangerous'));
        break;
      case 'stray':
        files.set('shared/README.md', '# Shared schemas\n');
        break;
      case 'consumer-uses':
        change(`consumers/${consumerName(e.consumer)}.yaml`, (t) =>
          t.replace(/version: 1\n/, `version: ${spec.majors}\n`),
        );
        break;
      case 'remove-consumer':
        files.delete(`consumers/${consumerName(e.consumer)}.yaml`);
        break;
      case 'fixture':
        change(`consumers/fixtures/${consumerName(e.consumer)}.response.json`, (t) =>
          t.replace('"active"', '"bogus"'),
        );
        break;
    }
  }
  return files;
}

/**
 * The input of `git fast-import` for commits of generated trees under `root` on branch `main`: the first
 * commit whole, each later one as the files that differ from the one before. Writing tens of thousands of
 * files through the working tree takes minutes; this takes seconds, and nothing is checked out.
 */
export function fastImportScript(root: string, trees: readonly TreeFiles[]): string {
  const out: string[] = [];
  const at = (file: string) => (root === '' ? file : `${root}/${file}`);
  let previous: TreeFiles = new Map();
  trees.forEach((tree, n) => {
    const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
    out.push(`commit refs/heads/main\nmark :${n + 1}\n`);
    out.push(`committer bench <bench@example.com> ${1_700_000_000 + n} +0000\n`);
    out.push(data(n === 0 ? 'base' : `change ${n}`));
    if (n > 0) out.push(`from :${n}\n`);
    for (const [file, text] of tree)
      if (previous.get(file) !== text) out.push(`M 100644 inline ${at(file)}\n${data(text)}`);
    for (const file of previous.keys()) if (!tree.has(file)) out.push(`D ${at(file)}\n`);
    out.push('\n');
    previous = tree;
  });
  return out.join('');
}
