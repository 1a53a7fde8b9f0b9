/**
 * Change-driven loading (issue 17): which parts of a contract tree a change between two refs can affect, so
 * that a PR check loads and judges those and leaves the rest of a large tree unread.
 *
 * What a changed file (relative to the contract root) affects:
 *  - `contractguard.yaml` (or `.yml`): everything — the whole tree is loaded ("full");
 *  - a file under an endpoint folder (`<endpoint>/endpoint.yaml`, `<endpoint>/v<N>/…`): that endpoint, all
 *    its majors (a new major's migration reads the major below it);
 *  - `consumers/<name>.yaml`: that consumer (and with it the endpoints it uses);
 *  - any file at all: whatever refers to it — a `$ref` (schemas, `expects`), an `openapi.$ref`, a fixture
 *    path — and, transitively, whatever refers to those. Referrers are found by one `git grep` over the
 *    base tree per round for the files' names ({@link ChangeProbe.mentions}); every mention is resolved the
 *    way the loader resolves a relative reference, and one that cannot be resolved to another file counts
 *    as a reference (conservative);
 *  - a Windmill file outside the root (`*.script.yaml`, a flow, a schedule, an HTTP trigger): full.
 * Consumers of an affected endpoint are selected by the loader, which reads every `consumers/*.yaml` (they
 * are few) to know what each uses.
 *
 * Equivalence: the change-driven report equals the full one whenever the untouched parts are sound (a full
 * check of base finds nothing wrong there): the untouched parts are byte-identical at both refs, so they
 * add only "unchanged" versions. What is wrong in untouched files before the PR is the default branch's to
 * fix; `contractguard check` (always full) and `diff --full` report it. test/load/changes.property.test.ts
 * compares both modes on generated repositories and random change sets.
 */
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type Listing, listingOf } from './listing.js';
import type { ContractSource } from './source.js';
import { normalizeRepoPath } from './source.js';

/** What a scoped load reads (paths relative to the contract root). */
export interface LoadScope {
  /** Endpoint folders loaded whole, at both refs. */
  endpoints: ReadonlySet<string>;
  /** `consumers/<name>.yaml` files loaded whatever they use. */
  consumers: ReadonlySet<string>;
  /** Other changed files, read so that one that cannot be used is reported as a full load would. */
  files: ReadonlySet<string>;
}

export type ScopeDecision =
  { kind: 'scoped'; scope: LoadScope; changed: number } | { kind: 'full'; reason: string };

/** A mention of a file name in a file of the base tree: the path-like token around it. */
export interface Mention {
  /** Repository path of the file that mentions it. */
  file: string;
  /** The token (`../../shared/customer.schema.json#/$defs/A`), or `undefined` for a line the probe could not read as a plain path (escapes, percent-encoding): a reference to anything. */
  token: string | undefined;
}

/** What change-driven loading asks of the repository (git.ts implements it for two commits). */
export interface ChangeProbe {
  /** Repository paths that differ between base and head (added, removed, modified, type changed). */
  changedPaths(): Promise<string[]>;
  /**
   * Every mention, in the base tree under `root`, of a path-like token ending in one of `names` (file
   * names, no `/`), and every line that names a reference with escapes or percent-encoding.
   */
  mentions(names: readonly string[], root: string): Promise<Mention[]>;
  /**
   * Optional, a narrower `mentions` (a probe without it is asked `mentions`): the same mentions, except that
   * a token that is the bare name or `./name` need only be reported in files under `dirs` (folders relative
   * to `root`, subfolders included). Such a token names a file beside its referrer (or at the root, which
   * `changeScope` never asks this way), so elsewhere it cannot name a searched file; leaving those out lets
   * git skip the one line every contract writes (`$ref: ./output.schema.json`). Reporting more is allowed.
   */
  mentionsAround?(
    names: readonly string[],
    root: string,
    dirs: readonly string[],
    /** The names whose other mentions (beyond `dirs`) are wanted; by default all of them. */
    beyond?: readonly string[],
  ): Promise<Mention[]>;
}

/** Beyond this many changed files a full load is as cheap and simpler. */
export const MAX_CHANGED_FILES = 5000;
/** Rounds of referrer search before giving up on precision (a chain of files referring to each other). */
const MAX_ROUNDS = 8;
/** Names searched in the first round anyway: the files `add-endpoint` and `new-version` write. */
const USUAL_NAMES = ['contract.yaml', 'endpoint.yaml', 'input.schema.json', 'output.schema.json'];

/** A character that ends a path-like token in a search (git.ts's `PATH_CHARS`). */
const TOKEN_END = /[\][\s"'<>(){},]/;
const VERSION_FOLDER = /^v[1-9]\d*$/;
const CONSUMERS = 'consumers';
/** Files of a Windmill workspace synced to git (src/windmill/files.ts). */
const WINDMILL_FILE = /\.(script|schedule|http_trigger)\.ya?ml$|\.flow\/|(^|\/)wmill(-lock)?\.ya?ml$/;

/**
 * The part of the tree a change between `base` and `head` can affect. `base` and `head` list the tree
 * (their listings are cached by `GitSource`, so the load after this does not list again).
 */
export async function changeScope(
  probe: ChangeProbe,
  base: ContractSource,
  head: ContractSource,
  rootOption: string,
): Promise<ScopeDecision> {
  const root = normalizeRepoPath(rootOption === '.' ? '' : rootOption);
  const prefix = root === '' ? '' : `${root}/`;
  const listings = Promise.all([listingOf(base, root), listingOf(head, root)]);
  listings.catch(() => undefined); // awaited below, unless the answer is known before
  const changedRepo = await probe.changedPaths();
  if (changedRepo.length > MAX_CHANGED_FILES)
    return { kind: 'full', reason: `${changedRepo.length} files changed` };

  const changed: string[] = [];
  for (const file of changedRepo) {
    if (file.startsWith(prefix)) changed.push(file.slice(prefix.length));
    else if (WINDMILL_FILE.test(file)) return { kind: 'full', reason: `Windmill file ${file} changed` };
  }
  // The first search, for the changed files and the usual names of their neighbours, runs while the trees
  // are listed.
  const firstNames = new Set([...changed.map((rel) => path.posix.basename(rel)), ...USUAL_NAMES]);
  for (const name of firstNames)
    if (!plainName(name)) return { kind: 'full', reason: `a changed file has an unusual name (${name})` };
  /** Names searched everywhere; everywhere but `./name` tokens; `<folder>\0<name>` around that folder. */
  const searchedAll = new Set<string>();
  const searchedBeyond = new Set<string>();
  const searchedAround = new Set<string>();
  const covered = (dir: string, name: string) =>
    searchedAll.has(name) || (searchedBeyond.has(name) && searchedAround.has(`${dir}\0${name}`));
  /** Whether `./name` tokens may be left out beyond the searched files' folders ({@link ChangeProbe.mentionsAround}). */
  let around = probe.mentionsAround !== undefined;
  const search = (names: ReadonlySet<string>, dirs: ReadonlySet<string>): Promise<Mention[]> => {
    const narrow = around && probe.mentionsAround !== undefined && !dirs.has('.');
    if (!narrow || probe.mentionsAround === undefined) {
      for (const name of names) searchedAll.add(name);
      return probe.mentions([...names], root);
    }
    // Mentions of a name beyond `./name` are known once searched: later rounds search only around folders.
    const beyond = [...names].filter((name) => !searchedAll.has(name) && !searchedBeyond.has(name));
    for (const name of names) {
      searchedBeyond.add(name);
      for (const dir of dirs) searchedAround.add(`${dir}\0${name}`);
    }
    return probe.mentionsAround([...names], root, [...dirs], beyond);
  };
  const changedDirs = new Set(changed.map((rel) => path.posix.dirname(rel)));
  let firstMentions = changed.length > 0 ? search(firstNames, changedDirs) : Promise.resolve([]);
  firstMentions.catch(() => undefined);
  // The files of either tree (70,000 in a large tree), whether a path has a character that ends a token, the
  // files beside a changed one.
  const listed = unionOf(...(await listings));
  const siblings = listed.siblings(changedDirs);
  // A path with a character that ends a token could be named by a reference whose token, cut there, reads
  // `./name` anywhere: then every search is a whole one.
  if (around && listed.facts.oddPath) {
    around = false;
    if (changed.length > 0) {
      searchedBeyond.clear();
      searchedAround.clear();
      firstMentions = search(firstNames, changedDirs);
    }
  }
  const endpointDirs = listed.facts.folders;

  const endpoints = new Set<string>();
  const consumers = new Set<string>();
  const files = new Set<string>();
  /** Attributes a file (changed, or referring to a changed one); false when it means a full load. */
  const attribute = (rel: string, isChanged: boolean): string | undefined => {
    const parts = rel.split('/');
    if (parts.length === 1) {
      if (/^contractguard\.ya?ml$/.test(rel)) return 'contractguard.yaml changed';
      if (isChanged) files.add(rel);
      return undefined;
    }
    const top = parts[0] as string;
    if (top === CONSUMERS) {
      if (parts.length === 2 && /\.ya?ml$/.test(rel)) consumers.add(rel);
      else if (isChanged) files.add(rel);
      return undefined;
    }
    if (endpointDirs.has(top)) endpoints.add(top);
    else if (isChanged) files.add(rel);
    return undefined;
  };
  for (const rel of changed) {
    const full = attribute(rel, true);
    if (full !== undefined) return { kind: 'full', reason: full };
  }

  // Referrers, transitively: a file that refers to an affected file is affected too.
  const affected = new Set(changed);
  let frontier = [...changed];
  /** Referrers by the file a mention may name; those whose mention names no file of either tree, by name. */
  const byTarget = new Map<string, Set<string>>();
  const byName = new Map<string, Set<string>>();
  const wildcard = new Set<string>();
  const add = (map: Map<string, Set<string>>, key: string, referrer: string) => {
    let set = map.get(key);
    if (set === undefined) map.set(key, (set = new Set()));
    set.add(referrer);
  };
  const ingest = (mentions: Mention[], names: ReadonlySet<string>) => {
    for (const mention of mentions) {
      if (!mention.file.startsWith(prefix)) continue;
      const referrer = mention.file.slice(prefix.length);
      if (mention.token === undefined) {
        wildcard.add(referrer);
        continue;
      }
      const name = lastName(mention.token);
      if (name === undefined || !names.has(name)) continue;
      const readings = readingsOf(referrer, mention.token, root);
      const named = readings.filter((reading) => listed.has(reading));
      // A reading that is no file of either tree cannot be a changed file: only the listed ones matter.
      if (named.length > 0) for (const reading of named) add(byTarget, reading, referrer);
      else if (readings.length > 0) add(byName, name, referrer);
    }
  };
  for (let round = 0; frontier.length > 0; round++) {
    if (round >= MAX_ROUNDS) return { kind: 'full', reason: 'a long chain of files referring to each other' };
    const names = new Set<string>();
    const dirs = new Set<string>();
    const want = (rel: string) => {
      const name = path.posix.basename(rel);
      const dir = path.posix.dirname(rel);
      if (covered(dir, name)) return;
      names.add(name);
      dirs.add(dir);
    };
    if (round === 0) {
      ingest(await firstMentions, firstNames);
      // Siblings are likely referrers (a contract.yaml beside its schemas): search them now, not in a round
      // of their own.
      for (const rel of siblings) want(rel);
    }
    for (const rel of frontier) want(rel);
    for (const name of names)
      if (!plainName(name)) return { kind: 'full', reason: `a file has an unusual name (${name})` };
    if (names.size > 0) ingest(await search(names, dirs), names);
    const next: string[] = [];
    const reach = (referrer: string) => {
      if (affected.has(referrer)) return;
      affected.add(referrer);
      next.push(referrer);
    };
    for (const target of frontier) {
      for (const referrer of byTarget.get(target) ?? []) reach(referrer);
      for (const referrer of byName.get(path.posix.basename(target)) ?? []) reach(referrer);
    }
    for (const referrer of wildcard) reach(referrer);
    for (const rel of next) {
      const full = attribute(rel, false);
      if (full !== undefined) return { kind: 'full', reason: full };
    }
    frontier = next;
  }
  // The endpoints a consumer named here uses, at either ref: both loads must take the same endpoints, also
  // when the consumer is added or removed (or moves to other endpoints).
  for (const rel of consumers)
    for (const source of [base, head])
      for (const endpoint of await endpointsUsed(source, `${prefix}${rel}`)) endpoints.add(endpoint);
  return { kind: 'scoped', scope: { endpoints, consumers, files }, changed: changed.length };
}

/** The `uses[].endpoint` names of a consumer file, as far as they can be read (none when it is not there). */
async function endpointsUsed(source: ContractSource, file: string): Promise<string[]> {
  let text: string;
  try {
    text = (await source.read(file, { maxBytes: 5 * 1024 * 1024 })).toString('utf8');
  } catch {
    return [];
  }
  let value: unknown;
  try {
    value = parseYaml(text, { uniqueKeys: false });
  } catch {
    return [];
  }
  const uses = (value as { uses?: unknown } | null)?.uses;
  if (!Array.isArray(uses)) return [];
  return uses
    .map((use) => (use as { endpoint?: unknown } | null)?.endpoint)
    .filter((endpoint): endpoint is string => typeof endpoint === 'string');
}

/** What the scope needs to know of a set of names (relative to the root). */
interface ListingFacts {
  /** A name has a character that ends a token. */
  oddPath: boolean;
  /** {@link endpointFolders}. */
  folders: Set<string>;
  /** The names at the top (no `/`), in order. */
  topFiles: string[];
}

/** The facts of `names`. */
function factsOf(names: readonly string[]): ListingFacts {
  return {
    // One search of the names joined by a character that does not end a token, not one per name.
    oddPath: TOKEN_END.test(names.join('\0')),
    folders: endpointFolders(names),
    topFiles: names.filter((rel) => rel.indexOf('/') < 0),
  };
}

/** A listing's facts, computed once per listing (the scope of another change to the same tree reuses them). */
function listingFacts(listing: Listing): ListingFacts {
  return listing.remember('changes.facts', () => factsOf(listing.names()));
}

/** The files of either tree, as `changeScope` asks about them. */
interface Union {
  has(rel: string): boolean;
  facts: ListingFacts;
  /** The files directly in one of `dirs` (`.`: the root). */
  siblings(dirs: ReadonlySet<string>): string[];
}

/**
 * The union of two listings. When one is derived from the other (a head listed as its base with the changes
 * applied), the union is the base and the changed names the head holds: the base's facts (computed once)
 * and those few names, with no pass over the head's listing.
 */
function unionOf(a: Listing, b: Listing): Union {
  const [main, other] = b.from === a ? [a, b] : a.from === b ? [b, a] : [a, undefined];
  const parts: { listing: Listing | undefined; facts: ListingFacts; extra: ReadonlySet<string> }[] =
    other === undefined
      ? [a, b].map((listing) => ({ listing, facts: listingFacts(listing), extra: new Set<string>() }))
      : [
          { listing: main, facts: listingFacts(main), extra: new Set<string>() },
          { listing: undefined, facts: factsOf(other.present), extra: new Set(other.present) },
        ];
  const folders = new Set<string>();
  const topFiles = new Set<string>();
  for (const part of parts) {
    for (const dir of part.facts.folders) folders.add(dir);
    for (const rel of part.facts.topFiles) topFiles.add(rel);
  }
  return {
    has: (rel) => parts.some((part) => part.extra.has(rel) || part.listing?.has(rel) === true),
    facts: { oddPath: parts.some((part) => part.facts.oddPath), folders, topFiles: [...topFiles] },
    siblings(dirs) {
      const found = new Set<string>();
      for (const dir of dirs) {
        if (dir === '.') {
          for (const rel of topFiles) found.add(rel);
          continue;
        }
        const prefix = `${dir}/`;
        const inDir = (rel: string) => rel.startsWith(prefix) && rel.indexOf('/', prefix.length) < 0;
        for (const part of parts) {
          for (const rel of part.listing?.under(dir) ?? []) if (inDir(rel)) found.add(rel);
          for (const rel of part.extra) if (inDir(rel)) found.add(rel);
        }
      }
      return [...found];
    },
  };
}

/** Top folders the loader takes for endpoints: with an `endpoint.yaml` (or `.yml`) or a version folder. */
export function endpointFolders(rels: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  /** The top folder of the name before: names listed in order come folder by folder. */
  let top = '';
  for (const rel of rels) {
    const slash = rel.indexOf('/');
    if (slash < 0) continue;
    if (slash !== top.length || !rel.startsWith(top)) top = rel.slice(0, slash);
    if (dirs.has(top) || top === CONSUMERS) continue;
    const next = rel.indexOf('/', slash + 1);
    if (
      next < 0
        ? /^endpoint\.ya?ml$/.test(rel.slice(slash + 1))
        : VERSION_FOLDER.test(rel.slice(slash + 1, next))
    )
      dirs.add(top);
  }
  return dirs;
}

/** A file name that a search by name and a plain-path reading of references can handle. */
function plainName(name: string): boolean {
  return /^[A-Za-z0-9._+@=~-]+$/.test(name) && name !== '.' && name !== '..';
}

/** The file name a token ends in, without fragment or query: `../a/b.json#/x` → `b.json`. */
function lastName(token: string): string | undefined {
  const bare = token.split(/[#?]/)[0] as string;
  return bare.split(/[\\/]/).pop();
}

/**
 * Whether `token` (written in `referrer`, both relative to the contract root) may name `target`: resolved
 * against the referrer's folder (`$ref`s, fixtures, `openapi.$ref`), the contract root or the repository
 * root, one of the readings is `target`; or none of them is a file of either tree (a token cut short by the
 * search, say): then it may be anything, and counts.
 */
export function refersTo(
  referrer: string,
  token: string,
  target: string,
  root: string,
  listed: ReadonlySet<string>,
): boolean {
  const readings = readingsOf(referrer, token, root);
  if (readings.includes(target)) return true;
  return readings.length > 0 && !readings.some((p) => listed.has(p));
}

/** The files (relative to the contract root) a token may name; none for a URL or a bare fragment. */
function readingsOf(referrer: string, token: string, root: string): string[] {
  // The usual `./input.schema.json`: beside the referrer (or, read from the root, a file at the top).
  if (token.startsWith('./') && token.indexOf('/', 2) < 0 && !/[#?\\]/.test(token) && token.length > 2) {
    const slash = referrer.lastIndexOf('/');
    const name = token.slice(2);
    return [slash < 0 ? name : `${referrer.slice(0, slash)}/${name}`, name];
  }
  const bare = (token.split(/[#?]/)[0] as string).replace(/\\/g, '/');
  if (bare === '') return [];
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(bare) && !/^[a-zA-Z]:\//.test(bare)) return []; // a URL
  const absolute = bare.replace(/^\/+/, '');
  return [
    path.posix.join(path.posix.dirname(referrer), bare),
    absolute,
    ...(root === '' ? [] : [path.posix.relative(root, absolute)]),
  ].map((p) => path.posix.normalize(p));
}

// ---- the loader's side ------------------------------------------------------------------------------------

/** The files listed, for {@link ScopedEntries}: a `Set`, a `Listing`. */
export interface ListedNames {
  has(key: string): boolean;
  keys(): MapIterator<string> | ArrayIterator<string>;
}

/**
 * The loader's map of files (relative to the root) in a scoped load. Before `limitTo`, a plain map. After,
 * it answers for every listed file: a listed file not read yet is `wanted` and stands in as `placeholder`
 * (the load round that met it is thrown away and run again with it read), so the loader reads exactly the
 * files its own code asks for, however it asks. `keys()` lists every listed file, read or not, as in a full
 * load; iterating entries yields those read. After `seal`, a file not read is simply absent.
 */
export class ScopedEntries<V> extends Map<string, V> {
  private listed: ListedNames | undefined;
  private sealed = false;
  readonly wanted = new Set<string>();

  constructor(private readonly placeholder: V) {
    super();
  }

  limitTo(listed: ListedNames): void {
    this.listed = listed;
  }

  seal(): void {
    this.sealed = true;
  }

  private waiting(key: string): boolean {
    if (this.listed === undefined || this.sealed || !this.listed.has(key)) return false;
    this.wanted.add(key);
    return true;
  }

  override has(key: string): boolean {
    return super.has(key) || this.waiting(key);
  }

  override get(key: string): V | undefined {
    const value = super.get(key);
    if (value !== undefined) return value;
    return this.waiting(key) ? this.placeholder : undefined;
  }

  override keys(): MapIterator<string> {
    return this.listed === undefined ? super.keys() : this.listed.keys();
  }
}
