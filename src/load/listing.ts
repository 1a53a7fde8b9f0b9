/**
 * A tree's listing under a contract root, shared by the passes that read it (issue 17). A large tree lists
 * 70,000 files, and each pass over them is JavaScript work that follows the repository, not the change: the
 * change scope's and each loader's. A `Listing` is made once per source and root and keeps what is computed
 * from it ({@link Listing.remember}). A PR's head is listed as its base with the changed paths applied
 * ({@link Listing.derive}): what is computed from a derived listing can then be updated from its base's for
 * the few changed paths, not computed again.
 */

export class Listing {
  /** The sorted names (relative to the root) of a listing read; computed on demand for a derived one. */
  private sorted: readonly string[] | undefined;
  private readonly memo = new Map<string, unknown>();
  /** Of a derived listing: the names `changed` that it holds. */
  private readonly presentSet: ReadonlySet<string>;

  private constructor(
    /** The contract root (repository-relative, `''` for the whole repository). */
    readonly root: string,
    sorted: readonly string[] | undefined,
    /** The listing this one is derived from, if any. */
    readonly from: Listing | undefined,
    /** Names (relative to the root) whose presence may differ from `from`'s; empty for a listing read. */
    readonly changed: ReadonlySet<string>,
    /** The names of `changed` this listing holds, sorted. */
    readonly present: readonly string[],
  ) {
    this.sorted = sorted;
    this.presentSet = new Set(present);
  }

  /** The listing of `files` (repository paths, as `ContractSource.list` answers) under `root`. */
  static of(root: string, files: readonly string[]): Listing {
    const prefix = root === '' ? '' : `${root}/`;
    const names: string[] = [];
    let sorted = true;
    for (const file of files) {
      if (!file.startsWith(prefix)) continue;
      const rel = prefix === '' ? file : file.slice(prefix.length);
      if (names.length > 0 && rel <= (names[names.length - 1] as string)) sorted = false;
      names.push(rel);
    }
    return Listing.ofNames(root, sorted ? names : sortedUnique(names));
  }

  /** The listing of `names` under `root`: relative to it, sorted and distinct (kept, not copied). */
  static ofNames(root: string, names: readonly string[]): Listing {
    return new Listing(root, names, undefined, new Set(), []);
  }

  /** `from` with the names `changed` present as `present` says (relative to the root). */
  static derive(from: Listing, changed: Iterable<string>, present: Iterable<string>): Listing {
    const changedSet = new Set(changed);
    return new Listing(
      from.root,
      undefined,
      from,
      changedSet,
      sortedUnique([...present].filter((rel) => changedSet.has(rel))),
    );
  }

  /** Every name, sorted (a derived listing's are merged once, when asked). */
  names(): readonly string[] {
    if (this.sorted === undefined) {
      const from = this.from as Listing;
      this.sorted = merge(
        from.names().filter((rel) => !this.changed.has(rel)),
        this.present,
      );
    }
    return this.sorted;
  }

  has(rel: string): boolean {
    if (this.from !== undefined) return this.changed.has(rel) ? this.presentSet.has(rel) : this.from.has(rel);
    const names = this.sorted as readonly string[];
    const i = lowerBound(names, rel);
    return i < names.length && names[i] === rel;
  }

  /** Whether a name passes `test` (a derived listing's names are not merged for it). */
  some(test: (rel: string) => boolean): boolean {
    if (this.from === undefined) return (this.sorted as readonly string[]).some(test);
    return this.present.some(test) || this.from.some((rel) => !this.changed.has(rel) && test(rel));
  }

  /** {@link names}, as a `Set`'s `keys()`. */
  keys(): ArrayIterator<string> {
    return this.names().values();
  }

  /** The names under folder `dir` (relative to the root, not `''`), at any depth, sorted. */
  under(dir: string): string[] {
    const prefix = `${dir}/`;
    if (this.from !== undefined) {
      const kept = this.from.under(dir).filter((rel) => !this.changed.has(rel));
      return merge(
        kept,
        this.present.filter((rel) => rel.startsWith(prefix)),
      );
    }
    const names = this.sorted as readonly string[];
    const out: string[] = [];
    for (let i = lowerBound(names, prefix); i < names.length; i++) {
      const rel = names[i] as string;
      if (!rel.startsWith(prefix)) break;
      out.push(rel);
    }
    return out;
  }

  /** What `compute` answers for this listing, computed once per `key`. */
  remember<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    this.memo.set(key, value);
    return value;
  }
}

/** What {@link listingOf} asks of a source (a `ContractSource`; source.ts imports this file). */
export interface ListedSource {
  list(root: string): Promise<string[]>;
  sharedListing?(root: string): Promise<Listing>;
}

/**
 * The listing of `root` (normalized: `normalizeRepoPath`) in `source`: its own (`ContractSource.sharedListing`,
 * shared by every pass), or one made from `list` for this caller.
 */
export async function listingOf(source: ListedSource, root: string): Promise<Listing> {
  if (source.sharedListing !== undefined) return source.sharedListing(root);
  return Listing.of(root, await source.list(root));
}

/** The first index of sorted `names` whose name is not below `name`. */
export function lowerBound(names: readonly string[], name: string): number {
  let low = 0;
  let high = names.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((names[mid] as string) < name) low = mid + 1;
    else high = mid;
  }
  return low;
}

function sortedUnique(names: string[]): string[] {
  const sorted = names.sort();
  return sorted.filter((rel, i) => i === 0 || rel !== sorted[i - 1]);
}

/** Two sorted lists of distinct names, with none in both, merged. */
function merge(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return [...a];
  const out: string[] = [];
  let j = 0;
  for (const rel of a) {
    while (j < b.length && (b[j] as string) < rel) out.push(b[j++] as string);
    out.push(rel);
  }
  while (j < b.length) out.push(b[j++] as string);
  return out;
}
