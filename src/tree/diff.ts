/**
 * Compares two contract trees (base and head of a PR) version by version: schemas through the classifier
 * (src/diff), everything else in contract.yaml through the contract rules (src/tree/rules), lifecycle as
 * `meta` changes. Pure data out; the versioning policy (src/policy) judges it.
 */
import * as path from 'node:path';
import { subjectOf } from '../diff/describe.js';
import { diffSchemas } from '../diff/index.js';
import { stableJson } from '../diff/canonical.js';
import { RULES_BY_ID } from '../diff/rules/index.js';
import {
  type Change,
  type DiffOptions,
  type Direction,
  type Semantics,
  SEVERITY_ORDER,
  type SeverityOverrides,
  maxSeverity,
} from '../diff/types.js';
import type { ContractSet, LoadedVersion, SourcePosition } from '../model/types.js';
import { unreadablePart } from '../model/unreadable.js';
import { contractOperationChanges, type ContractOperationChange } from '../openapi/contract.js';
import { KNOWN_KEYWORDS, keywordKind } from '../schema/wellformed.js';
import { type DocumentationEdit, documentationEdits } from './documentation.js';
import { fingerprint } from './fingerprint.js';
import {
  CHECKED_CONTRACT_RULES,
  type ContractHit,
  type ContractRule,
  contractRuleById,
} from './rules/index.js';
import { contractSeverity, messageOf } from './rules/rule.js';
import type { AliasMove, Area, Migration, TreeChange, VersionReport } from './types.js';

export interface TreeDiffOptions {
  /** Default: head's `contractguard.yaml` `semantics`. */
  semantics?: Semantics;
  /** Per-rule severity overrides (schema and contract rules), merged over head's `contractguard.yaml` `rules:`. */
  overrides?: SeverityOverrides;
  /** Time limit for each semantic check (see `DiffOptions`). */
  semanticTimeoutMs?: number;
}

export interface TreeDiff {
  versions: VersionReport[];
  aliasMoves: AliasMove[];
}

type Side = 'head' | 'base';

/** One side of a version pair: the tree it lives in and the file its positions are read from. */
interface Place {
  set: ContractSet;
  side: Side;
  version: LoadedVersion;
}

export async function diffTrees(
  base: ContractSet,
  head: ContractSet,
  opts: TreeDiffOptions = {},
): Promise<TreeDiff> {
  const schemaOptions = {
    semantics: opts.semantics ?? head.policy.semantics,
    overrides: mergeOverrides(head.policy.rules, opts.overrides),
    ...(opts.semanticTimeoutMs === undefined ? {} : { semanticTimeoutMs: opts.semanticTimeoutMs }),
  };
  const versions: VersionReport[] = [];
  for (const [endpoint, major] of versionKeys(base, head)) {
    const before = base.endpoints.get(endpoint)?.versions.get(major);
    const after = head.endpoints.get(endpoint)?.versions.get(major);
    if (before && after) {
      const changes = await diffVersion(
        { set: base, side: 'base', version: before },
        { set: head, side: 'head', version: after },
        schemaOptions,
      );
      versions.push(
        report(endpoint, major, changes.length ? 'changed' : 'unchanged', changes, before, after),
      );
    } else if (unreadable(before ? head : base, endpoint, major)) {
      // Present on one side only because the other side's files did not load: not an addition or removal;
      // the problem itself is reported (and fails the check) instead.
      continue;
    } else if (after) {
      const change = lifecycle(
        'major-added',
        { set: head, side: 'head', version: after },
        schemaOptions.overrides,
      );
      const added = report(endpoint, major, 'added', [change], undefined, after);
      const migration = await migrationTo(head, after, schemaOptions);
      versions.push(migration ? { ...added, migration } : added);
    } else if (before) {
      const change = lifecycle(
        'major-removed',
        { set: base, side: 'base', version: before },
        schemaOptions.overrides,
      );
      versions.push(report(endpoint, major, 'removed', [change], before, undefined));
    }
  }
  endpointChanges(base, head, versions, schemaOptions.overrides);
  return { versions, aliasMoves: aliasMoves(base, head) };
}

function report(
  endpoint: string,
  major: number,
  kind: VersionReport['kind'],
  changes: TreeChange[],
  before: LoadedVersion | undefined,
  after: LoadedVersion | undefined,
): VersionReport {
  return {
    endpoint,
    major,
    kind,
    ...(before ? { baseVersion: before.contract.version } : {}),
    ...(after ? { headVersion: after.contract.version } : {}),
    verdict: maxSeverity(changes.map((c) => c.severity)),
    changes: sortChanges(changes),
    ...(after?.contract.output === true
      ? { noOutputSchema: after.windmill === undefined ? 'contract' : 'windmill' }
      : {}),
  };
}

/** Whether a problem in `set` may have kept this version (its folder or its endpoint.yaml) from loading. */
function unreadable(set: ContractSet, endpoint: string, major: number): boolean {
  if (unreadablePart(set, endpoint, major) !== undefined) return true;
  const folder = `${inRoot(set.root, `${endpoint}/v${major}`)}/`;
  const endpointFile = inRoot(set.root, `${endpoint}/endpoint.yaml`);
  return set.problems.some((p) => p.file.startsWith(folder) || p.file === endpointFile);
}

/** Every (endpoint, major) in either tree, sorted by endpoint then major. */
function versionKeys(base: ContractSet, head: ContractSet): [string, number][] {
  const keys = new Map<string, [string, number]>();
  for (const set of [base, head])
    for (const [name, endpoint] of set.endpoints)
      for (const major of endpoint.versions.keys()) keys.set(`${name}\u0000${major}`, [name, major]);
  return [...keys.values()].sort(([a, m], [b, n]) => compareText(a, b) || m - n);
}

function mergeOverrides(
  policy: SeverityOverrides | undefined,
  extra: SeverityOverrides | undefined,
): SeverityOverrides {
  const out: SeverityOverrides = {};
  for (const source of [policy ?? {}, extra ?? {}])
    for (const [rule, byDirection] of Object.entries(source)) out[rule] = { ...out[rule], ...byDirection };
  return out;
}

async function diffVersion(
  before: Place,
  after: Place,
  options: Omit<DiffOptions, 'direction'>,
): Promise<TreeChange[]> {
  const changes: TreeChange[] = [];
  for (const direction of ['input', 'output'] as const) {
    const result = await diffSchemas(before.version[direction], after.version[direction], {
      ...options,
      direction,
    });
    for (const change of oneChangePerRemoval(result.changes))
      changes.push(schemaChange(change, direction, before, after));
    for (const edit of documentationEdits(before.version[direction], after.version[direction]))
      changes.push(documentationChange(edit, direction, before, after, options.overrides));
  }
  for (const rule of CHECKED_CONTRACT_RULES) {
    for (const hit of rule.check?.(before.version.contract, after.version.contract) ?? [])
      changes.push(contractChange(rule, hit, before, after, options.overrides));
  }
  // Versions backed by an OpenAPI operation: what its two schemas do not show (src/openapi/contract.ts).
  const o = before.version.openapi;
  const n = after.version.openapi;
  if (o !== undefined && n !== undefined) {
    for (const c of await contractOperationChanges(o, n, options))
      changes.push(openApiChange(c, before, after));
  }
  return oneRowEach(changes);
}

/**
 * What a caller meets moving to a new major: its diff against the previous live major (the highest below
 * it in head, not retired).
 */
async function migrationTo(
  head: ContractSet,
  added: LoadedVersion,
  options: Omit<DiffOptions, 'direction'>,
): Promise<Migration | undefined> {
  const versions = head.endpoints.get(added.endpoint)?.versions;
  const previous = [...(versions?.values() ?? [])]
    .filter((v) => v.major < added.major && v.contract.status !== 'retired')
    .sort((a, b) => b.major - a.major)[0];
  if (previous === undefined) return undefined;
  const deadline = previous.contract.deprecation?.date;
  return {
    from: previous.major,
    ...(deadline === undefined ? {} : { deadline }),
    changes: await betweenMajors(head, previous, added, options),
  };
}

/**
 * The changes with an effect a caller meets moving from one major of a tree to another (a new major's
 * migration in the PR report, a deprecation issue): the classifier's diff, contract rules included,
 * lifecycle and documentation edits left out (the old major's deprecation, the new version number). Both
 * majors are in the same tree: a field gone in the newer one is shown where the older one has it.
 */
export async function compareMajors(
  set: ContractSet,
  from: LoadedVersion,
  to: LoadedVersion,
  opts: TreeDiffOptions = {},
): Promise<TreeChange[]> {
  return betweenMajors(set, from, to, {
    semantics: opts.semantics ?? set.policy.semantics,
    overrides: mergeOverrides(set.policy.rules, opts.overrides),
    ...(opts.semanticTimeoutMs === undefined ? {} : { semanticTimeoutMs: opts.semanticTimeoutMs }),
  });
}

async function betweenMajors(
  set: ContractSet,
  from: LoadedVersion,
  to: LoadedVersion,
  options: Omit<DiffOptions, 'direction'>,
): Promise<TreeChange[]> {
  const changes = await diffVersion(
    { set, side: 'head', version: from },
    { set, side: 'head', version: to },
    options,
  );
  return sortChanges(changes.filter((c) => c.area !== 'meta' && c.severity !== 'none'));
}

/**
 * A required property removed is one edit: `property-removed` says so, and a `required-removed` for the same
 * name of the same object beside it ("no longer required") is the same fact again, one row too many. It
 * stays only where it is the more severe reading.
 */
function oneChangePerRemoval(changes: readonly Change[]): Change[] {
  const removed = new Map<string, Change>();
  for (const c of changes)
    if (c.rule === 'property-removed' && typeof c.args.name === 'string')
      removed.set(`${c.oldPath.replace(/\/properties\/[^/]*$/, '')}\u0000${c.args.name}`, c);
  return changes.filter((c) => {
    if (c.rule !== 'required-removed' || typeof c.args.name !== 'string') return true;
    const removal = removed.get(`${c.oldPath.replace(/\/required$/, '')}\u0000${c.args.name}`);
    return (
      removal === undefined || SEVERITY_ORDER.indexOf(c.severity) > SEVERITY_ORDER.indexOf(removal.severity)
    );
  });
}

/**
 * Two changes a reader cannot tell apart (the same sentence at the same line, say one definition reached
 * by two paths) are one row: the first is kept, with its fingerprint, so approving what the reader sees
 * approves everything it stands for.
 */
export function oneRowEach(changes: TreeChange[]): TreeChange[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const p = c.position;
    const key = [c.message, p?.file ?? '', p?.line ?? '', p?.side ?? ''].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A `description` or `title` edit, in the schema area it belongs to (so it is shown and fingerprinted like
 * the schema's other changes), at the keyword's line: in head, or in base when it was removed.
 */
function documentationChange(
  edit: DocumentationEdit,
  direction: Direction,
  before: Place,
  after: Place,
  overrides: SeverityOverrides | undefined,
): TreeChange {
  const rule = contractRuleById('description-changed');
  const { endpoint, major } = after.version;
  const severity = contractSeverity(rule, overrides);
  const sides = edit.change === 'removed' ? [before, after] : [after, before];
  const nodes = edit.change === 'removed' ? [edit.before, edit.after] : [edit.after, edit.before];
  let position: (SourcePosition & { side: Side }) | undefined;
  for (const [i, place] of sides.entries()) {
    const origin =
      after.version[direction].origins.get(nodes[i] as object) ??
      before.version[direction].origins.get(nodes[i] as object);
    if (origin === undefined) continue;
    const file = inRoot(place.set.root, origin.file);
    position = locate([{ ...place, file }], `${origin.pointer}/${edit.keyword}`);
    if (position) break;
  }
  const path = `${edit.path}/${edit.keyword}`;
  const args = { keyword: edit.keyword, change: edit.change, subject: subjectOf(edit.path, direction) };
  return {
    endpoint,
    major,
    area: direction,
    rule: rule.id,
    severity,
    path,
    message: messageOf(rule, args, severity),
    fingerprint: fingerprint({ endpoint, major, area: direction, rule: rule.id, path }),
    position:
      position ??
      locate(
        sides.map((p) => ({ ...p, file: p.version.file })),
        `/${direction}`,
      ) ??
      fileStart(after),
  };
}

/**
 * Edits of endpoint.yaml that no version's contract.yaml shows: today its owner. Alias moves are reported
 * on their own. An endpoint-wide change is told once, with the endpoint's highest major in head (the one
 * reviewers look at), never repeated for every major.
 */
function endpointChanges(
  base: ContractSet,
  head: ContractSet,
  versions: VersionReport[],
  overrides: SeverityOverrides,
): void {
  for (const [name, after] of head.endpoints) {
    const before = base.endpoints.get(name);
    if (before === undefined || before.endpoint.owner === after.endpoint.owner) continue;
    const target = versions
      .filter((v) => v.endpoint === name && v.kind !== 'removed')
      .sort((a, b) => b.major - a.major)[0];
    if (target === undefined) continue;
    const rule = contractRuleById('endpoint-owner-changed');
    const severity = contractSeverity(rule, overrides);
    const args = { endpoint: name, before: before.endpoint.owner, after: after.endpoint.owner };
    const place = { set: head, side: 'head' as const, file: after.file };
    const change: TreeChange = {
      endpoint: name,
      major: target.major,
      area: rule.area,
      rule: rule.id,
      severity,
      path: '/owner',
      message: messageOf(rule, args, severity),
      fingerprint: fingerprint({
        endpoint: name,
        major: target.major,
        area: rule.area,
        rule: rule.id,
        path: '/owner',
      }),
      position: locate([place], '/owner') ?? { file: after.file, line: 1, column: 1, side: 'head' },
    };
    target.changes = sortChanges([...target.changes, change]);
    target.verdict = maxSeverity(target.changes.map((c) => c.severity));
    if (target.kind === 'unchanged') target.kind = 'changed';
  }
}

/**
 * Arguments that say which item a change is about when a rule reports several at one path (one per enum
 * value, one per required name); magnitudes (before/after) are deliberately left out.
 */
const ITEM_ARGS = ['value', 'name', 'requires', 'keyword'] as const;

function itemOf(args: Record<string, unknown>): string | undefined {
  const item = ITEM_ARGS.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]);
  return item.length ? stableJson(Object.fromEntries(item)) : undefined;
}

function schemaChange(change: Change, direction: Direction, before: Place, after: Place): TreeChange {
  const { endpoint, major } = after.version;
  const removal = RULES_BY_ID.get(change.rule)?.shownIn === 'old';
  const sides = removal ? [before, after] : [after, before];
  const item = itemOf(change.args);
  const origin = change.origin;
  const position = origin
    ? (locate(
        sides.map((p) => ({ ...p, file: inRoot(p.set.root, origin.file) })),
        origin.pointer + keywordOf(change.path),
      ) ?? fileStart(sides[0] as Place, inRoot((sides[0] as Place).set.root, origin.file)))
    : (locate(
        sides.map((p) => ({ ...p, file: p.version.file })),
        `/${direction}`,
      ) ?? fileStart(sides[0] as Place));
  return {
    endpoint,
    major,
    area: direction,
    rule: change.rule,
    severity: change.severity,
    path: change.path,
    message: change.message,
    fingerprint: fingerprint({
      endpoint,
      major,
      area: direction,
      rule: change.rule,
      path: change.path,
      ...(item === undefined ? {} : { item }),
    }),
    position,
    schemaPlace: { oldPath: change.oldPath, newPath: change.newPath, args: change.args },
  };
}

function contractChange(
  rule: ContractRule,
  hit: ContractHit,
  before: Place,
  after: Place,
  overrides: SeverityOverrides | undefined,
): TreeChange {
  const { endpoint, major } = after.version;
  const sides = hit.shownIn === 'base' ? [before, after] : [after, before];
  const severity = contractSeverity(rule, overrides);
  return {
    endpoint,
    major,
    area: rule.area,
    rule: rule.id,
    severity,
    path: hit.path,
    message: messageOf(rule, hit.args, severity),
    fingerprint: fingerprint({ endpoint, major, area: rule.area, rule: rule.id, path: hit.path }),
    position: locateWritten(sides, hit.pointer ?? hit.path) ?? fileStart(sides[0] as Place),
  };
}

/**
 * Where a contract pointer is written: in contract.yaml, or in the file a part of the contract was read
 * from (`LoadedVersion.sources`: a Windmill script's metadata, its HTTP trigger), in the order of `sides`.
 */
function locateWritten(
  sides: readonly Place[],
  pointer: string,
): (SourcePosition & { side: Side }) | undefined {
  for (const place of sides) {
    const source = (place.version.sources ?? [])
      .filter((s) => pointer === s.pointer || pointer.startsWith(`${s.pointer}/`))
      .sort((a, b) => b.pointer.length - a.pointer.length)[0];
    const found = source
      ? locate([{ ...place, file: source.file }], source.at + pointer.slice(source.pointer.length))
      : locate([{ ...place, file: place.version.file }], pointer);
    if (found) return found;
  }
  return undefined;
}

/**
 * A change of a contract's OpenAPI operation (a parameter, a status, security): on the side it is judged
 * on, shown where the document writes it when known, else at `openapi:` in contract.yaml.
 */
function openApiChange(c: ContractOperationChange, before: Place, after: Place): TreeChange {
  const { endpoint, major } = after.version;
  const { rule, severity, location, message, origin } = c.change;
  const sides = [after, before];
  const position =
    (origin === undefined
      ? undefined
      : locate(
          sides.map((p) => ({ ...p, file: inRoot(p.set.root, origin.file) })),
          origin.pointer,
        )) ??
    locate(
      sides.map((p) => ({ ...p, file: p.version.file })),
      '/openapi/operation',
    ) ??
    fileStart(after);
  return {
    endpoint,
    major,
    area: c.direction,
    rule,
    severity,
    path: c.pointer,
    message: c.change.path === undefined ? message : `${location}: ${message}`,
    fingerprint: fingerprint({ endpoint, major, area: c.direction, rule, path: c.pointer }),
    position,
  };
}

/** `major-added` / `major-removed`: the whole contract.yaml of a version present on one side only. */
function lifecycle(
  id: 'major-added' | 'major-removed',
  place: Place,
  overrides: SeverityOverrides,
): TreeChange {
  const rule = contractRuleById(id);
  const { endpoint, major } = place.version;
  const severity = contractSeverity(rule, overrides);
  return {
    endpoint,
    major,
    area: rule.area,
    rule: rule.id,
    severity,
    path: '',
    message: messageOf(rule, { major }, severity),
    fingerprint: fingerprint({ endpoint, major, area: rule.area, rule: rule.id, path: '' }),
    position: locate([{ ...place, file: place.version.file }], '') ?? fileStart(place),
  };
}

/** A file relative to the contract root, as a path relative to the repository root. */
function inRoot(root: string, file: string): string {
  return root === '' || root === '.' ? file : path.posix.join(root, file);
}

/**
 * Where a pointer is written: exactly, on the preferred side then the other; otherwise at its nearest
 * written ancestor (a removed field shows at its parent), in the same order.
 */
function locate(
  sides: readonly { set: ContractSet; side: Side; file: string }[],
  pointer: string,
): (SourcePosition & { side: Side }) | undefined {
  for (const candidate of [pointer, ...ancestors(pointer)]) {
    for (const s of sides) {
      const found = s.set.position(s.file, candidate);
      if (found) return { ...found, side: s.side };
    }
  }
  return undefined;
}

function ancestors(pointer: string): string[] {
  const out: string[] = [];
  let p = pointer;
  while (p !== '') {
    p = p.slice(0, p.lastIndexOf('/'));
    out.push(p);
  }
  return out;
}

function fileStart(place: Place, file = place.version.file): SourcePosition & { side: Side } {
  return { file, line: 1, column: 1, side: place.side };
}

/** Keywords whose children are named by the schema author (`properties/<name>`), not keywords. */
const NAMED_CHILDREN = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'dependentSchemas',
]);

/**
 * A change's origin is the schema node it was found at; when its path ends at a keyword of that node
 * holding data (`…/enum`, `…/required`, `…/maxLength`), that keyword's own line is the better place to show
 * it. Schema-valued keywords (`items`, `not`) are nodes of their own and carry their own origin.
 */
function keywordOf(schemaPath: string): string {
  const tokens = schemaPath.split('/');
  const last = tokens[tokens.length - 1] ?? '';
  const parent = tokens[tokens.length - 2];
  const isDataKeyword = KNOWN_KEYWORDS.has(last) && keywordKind(last) === 'data';
  return tokens.length > 1 && isDataKeyword && !(parent !== undefined && NAMED_CHILDREN.has(parent))
    ? `/${last}`
    : '';
}

const AREA_ORDER: readonly Area[] = [
  'meta',
  'input',
  'output',
  'sideEffects',
  'operational',
  'errors',
  'auth',
];

/** Most severe first, then by area, path and rule, so reports read top-down and stay stable between runs. */
function sortChanges(changes: TreeChange[]): TreeChange[] {
  return [...changes].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(b.severity) - SEVERITY_ORDER.indexOf(a.severity) ||
      AREA_ORDER.indexOf(a.area) - AREA_ORDER.indexOf(b.area) ||
      compareText(a.path, b.path) ||
      compareText(a.rule, b.rule) ||
      compareText(a.fingerprint, b.fingerprint),
  );
}

function aliasMoves(base: ContractSet, head: ContractSet): AliasMove[] {
  const moves: AliasMove[] = [];
  const names = new Set([...base.endpoints.keys(), ...head.endpoints.keys()]);
  for (const endpoint of [...names].sort(compareText)) {
    // An endpoint.yaml that cannot be read on one side says nothing about its aliases.
    if (unreadablePart(base, endpoint) || unreadablePart(head, endpoint)) continue;
    const before = base.endpoints.get(endpoint)?.endpoint.aliases ?? {};
    const after = head.endpoints.get(endpoint)?.endpoint.aliases ?? {};
    const aliases = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const alias of [...aliases].sort(compareText)) {
      const from = Object.hasOwn(before, alias) ? before[alias] : undefined;
      const to = Object.hasOwn(after, alias) ? after[alias] : undefined;
      if (from === to) continue;
      moves.push({
        endpoint,
        alias,
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      });
    }
  }
  return moves;
}

/** Code-point order: the same on every machine, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
