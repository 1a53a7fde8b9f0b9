/**
 * A commit of a GitHub repository as a `ContractSource`, read over the REST API: one recursive tree listing
 * per commit (`GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1`), then one blob request per file read
 * (`GET /repos/{owner}/{repo}/git/blobs/{sha}`). Nothing is cloned or checked out and nothing is executed.
 *
 * Only files under the contract root are ever fetched, and only their entries of the listing are kept; the
 * size limit is applied from the listing's `size` before a blob is requested, and `contractFiles` tells from
 * the listing alone how much a full read would fetch (src/github/work-limits.ts bounds it). Blobs are cached
 * by their SHA, so base and head share unchanged files when given the same `blobCache`. The listing also
 * tells which files differ between two commits (`fileIds`) and which blob each file is (`blobFiles`), for the
 * bot's change-driven check (src/github/api-changes.ts).
 */
import {
  normalizeRepoPath,
  SourceError,
  symlinkError,
  type ContractSource,
  type ReadOptions,
} from '../load/source.js';

/** The part of an Octokit client this source uses (Probot's and `@actions/github`'s both fit). */
export interface GitDataApi {
  rest: {
    git: {
      getTree(params: {
        owner: string;
        repo: string;
        tree_sha: string;
        recursive?: string;
        request?: { parseSuccessResponseBody?: boolean };
      }): Promise<{ data: TreeListing }>;
      getBlob(params: { owner: string; repo: string; file_sha: string }): Promise<{
        data: { content: string; encoding: string; size?: number | null };
      }>;
    };
  };
}

/** A recursive tree listing, as `GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1` answers. */
export interface TreeListing {
  truncated: boolean;
  tree: { path?: string; mode?: string; type?: string; sha?: string; size?: number }[];
}

export interface GitHubApiSourceOptions {
  owner: string;
  repo: string;
  /** A commit SHA (or any tree-ish the API accepts). */
  sha: string;
  /** The contract root relative to the repository root: reads outside it are refused. */
  root: string;
  /** Shown in messages, e.g. `base main (1a2b3c4)`; default `owner/repo@sha7`. */
  label?: string;
  /** Blob requests in flight at once (default 8). */
  concurrency?: number;
  /**
   * Blobs by `owner/repo@sha`: shared between the sources of one run so that base and head fetch an unchanged
   * file once (a `Map`), or across runs (a bounded cache such as `BlobCache`). Blobs never change.
   */
  blobCache?: BlobStore;
  /**
   * Tree listings by `owner/repo@sha` and root, across runs (`treeListings`): a commit's tree never changes,
   * so a push to a PR whose base did not move lists only its new head. Used only when `sha` is a full SHA.
   */
  listingCache?: LruCache<TreeFiles>;
}

/** Where fetched blobs are kept; a `Map` will do. */
export interface BlobStore {
  get(key: string): Promise<Buffer> | undefined;
  set(key: string, value: Promise<Buffer>): unknown;
  delete(key: string): unknown;
  /** Adds a blob only if that evicts nothing (one read in passing); without it, not added. */
  offer?(key: string, value: Promise<Buffer>): unknown;
  /** Where blobs read only in passing go (to search them, not to load them): default, the store itself. */
  readonly inPassing?: BlobStore;
}

/**
 * A bounded cache of values that arrive later (fetched blobs, what is read from them) for a long-running
 * process: least recently used entries go first once there are more than `maxEntries` or the resolved
 * values weigh more than `maxWeight` together. A value that fails is dropped.
 */
export class LruCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; weight: number }>();
  private weight = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxWeight: number,
    private readonly weigh: (value: T) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** What the resolved values weigh together. */
  get totalWeight(): number {
    return this.weight;
  }

  get(key: string): Promise<T> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: Promise<T>): this {
    this.delete(key);
    this.add(key, value, true);
    this.evict();
    return this;
  }

  /** Adds `value` only while there is room for it: it never evicts another (and is dropped if it would). */
  offer(key: string, value: Promise<T>): this {
    if (this.entries.has(key) || this.entries.size >= this.maxEntries || this.weight >= this.maxWeight)
      return this;
    this.add(key, value, false);
    return this;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.weight -= entry.weight;
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.weight = 0;
  }

  private add(key: string, value: Promise<T>, evicting: boolean): void {
    const entry = { value, weight: 0 };
    this.entries.set(key, entry);
    value.then(
      (resolved) => {
        if (this.entries.get(key) !== entry) return;
        const weight = this.weigh(resolved);
        if (!evicting && this.weight + weight > this.maxWeight) {
          this.entries.delete(key);
          return;
        }
        entry.weight = weight;
        this.weight += weight;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.weight <= this.maxWeight) break;
      this.delete(key);
    }
  }
}

/**
 * A bounded blob cache: least recently used entries go first once there are more than `maxEntries` or the
 * fetched blobs add up to more than `maxBytes`.
 */
export class BlobCache extends LruCache<Buffer> implements BlobStore {
  constructor(maxEntries = 5000, maxBytes = 64 * 1024 * 1024) {
    super(maxEntries, maxBytes, (buffer) => buffer.length);
  }

  get totalBytes(): number {
    return this.totalWeight;
  }
}

/** Tree listings of recent commits, shared by every bot handler; bounded by their entries. */
export const treeListings = new LruCache<TreeFiles>(16, 400_000, (t) => t.entries.size + t.others.size);

/**
 * Blobs fetched by earlier checks in this process (a push usually changes a few files of the tree: the rest
 * is not fetched again), shared by every bot handler. Keyed by repository and blob SHA; bounded. Its bounds
 * hold both commits of a PR at the bot's default limits (1,000 files and 20 MiB each).
 */
export const blobCache = new BlobCache();

/**
 * The blobs of one check: what it fetched stays here until the check is done, so a blob the shared cache
 * evicts meanwhile (other checks, or a tree larger than the cache) is still never fetched twice; what the
 * shared cache has is taken from it. Blobs read in passing (every base blob, read once to find references:
 * src/github/api-changes.ts) go to the shared cache only while it has room, and as loaded once the check
 * loads them: reading a large base never evicts what checks load, which a later push loads again.
 */
export class CheckBlobs implements BlobStore {
  private readonly own = new Map<string, Promise<Buffer>>();
  private readonly passing = new Map<string, Promise<Buffer>>();
  readonly inPassing: BlobStore = {
    get: (key) => this.own.get(key) ?? this.passing.get(key) ?? this.shared.get(key),
    set: (key, value) => {
      this.passing.set(key, value);
      this.shared.offer?.(key, value);
    },
    delete: (key) => this.passing.delete(key),
  };

  constructor(private readonly shared: BlobStore) {}

  get(key: string): Promise<Buffer> | undefined {
    const mine = this.own.get(key);
    if (mine !== undefined) return mine;
    const passing = this.passing.get(key);
    if (passing !== undefined) {
      this.passing.delete(key);
      this.set(key, passing);
      passing.catch(() => this.delete(key));
      return passing;
    }
    const cached = this.shared.get(key);
    if (cached !== undefined) this.own.set(key, cached);
    return cached;
  }

  set(key: string, value: Promise<Buffer>): this {
    this.own.set(key, value);
    this.shared.set(key, value);
    return this;
  }

  delete(key: string): boolean {
    this.shared.delete(key);
    return this.own.delete(key);
  }
}

/** What reading every file under the contract root would fetch: blob requests and their bytes. */
export interface ContractFiles {
  files: number;
  bytes: number;
}

/** The listing came back truncated (more than GitHub returns in one response): the tree cannot be read. */
export class TruncatedTreeError extends Error {
  constructor(readonly label: string) {
    super(
      `the git tree of ${label} is too large for one GitHub API listing (the response was truncated); ` +
        'contractguard cannot read the contract tree of this commit through the API',
    );
    this.name = 'TruncatedTreeError';
  }
}

interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
  size: number | undefined;
}

/** A regular file of the listing: its path, blob SHA and size (when the listing gave one). */
export interface BlobFile {
  path: string;
  sha: string;
  size: number | undefined;
}

/** A commit's tree as listed: what is under the contract root, and the ids of everything else. */
export interface TreeFiles {
  /** Entries under the contract root, by path. */
  entries: Map<string, TreeEntry>;
  /** Entries outside it (never read), by path: `<mode> <sha>`, only to tell what changed. */
  others: Map<string, string>;
}

const SYMLINK_MODE = '120000';

export class GitHubApiSource implements ContractSource {
  readonly label: string;
  private readonly root: string;
  private readonly concurrency: number;
  private readonly blobCache: BlobStore;
  private listing: Promise<TreeFiles> | undefined;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly api: GitDataApi,
    private readonly opts: GitHubApiSourceOptions,
  ) {
    this.root = normalizeRepoPath(opts.root);
    this.label = opts.label ?? `${opts.owner}/${opts.repo}@${opts.sha.slice(0, 7)}`;
    this.concurrency = Math.max(1, opts.concurrency ?? 8);
    this.blobCache = opts.blobCache ?? new Map();
  }

  /** `owner/repo`. */
  get repository(): string {
    return `${this.opts.owner}/${this.opts.repo}`;
  }

  /**
   * Every file, symbolic link and submodule of the commit, inside the contract root and out, by path:
   * `<mode> <sha>`. Two commits differ at a path exactly where these differ.
   */
  async fileIds(): Promise<Map<string, string>> {
    const { entries, others } = await this.listed();
    const ids = new Map(others);
    for (const [path, entry] of entries) ids.set(path, `${entry.mode} ${entry.sha}`);
    return ids;
  }

  /** The regular files under `root` (within the contract root), sorted: no symbolic links or submodules. */
  async blobFiles(root: string): Promise<BlobFile[]> {
    const start = normalizeRepoPath(root);
    const prefix = start === '' ? '' : `${start}/`;
    const files: BlobFile[] = [];
    for (const [path, entry] of await this.tree()) {
      if (entry.type !== 'blob' || entry.mode === SYMLINK_MODE || !path.startsWith(prefix)) continue;
      files.push({ path, sha: entry.sha, size: entry.size });
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * From the listing alone: the files under the contract root that a read of each would fetch (regular
   * files within `maxBytes`; symbolic links and larger files are refused unfetched) and their bytes.
   */
  async contractFiles(maxBytes: number): Promise<ContractFiles> {
    let files = 0;
    let bytes = 0;
    for (const entry of (await this.tree()).values()) {
      if (entry.type !== 'blob' || entry.mode === SYMLINK_MODE) continue;
      if (entry.size !== undefined && entry.size > maxBytes) continue;
      files++;
      bytes += entry.size ?? 0;
    }
    return { files, bytes };
  }

  async list(root: string): Promise<string[]> {
    const start = normalizeRepoPath(root);
    const prefix = start === '' ? '' : `${start}/`;
    const entries = await this.tree();
    return [...entries.keys()].filter((p) => p.startsWith(prefix) && this.underRoot(p)).sort();
  }

  async read(file: string, opts: ReadOptions = {}): Promise<Buffer> {
    const rel = normalizeRepoPath(file);
    if (!this.underRoot(rel)) {
      throw new SourceError(
        rel,
        'unreadable',
        `is outside the contract root ${this.root || '(repository root)'}`,
      );
    }
    const entry = (await this.tree()).get(rel);
    if (entry === undefined) throw new SourceError(rel, 'missing', 'no such file');
    if (entry.mode === SYMLINK_MODE) throw symlinkError(rel);
    if (entry.type !== 'blob') throw new SourceError(rel, 'not-a-file', 'not a regular file');
    if (opts.maxBytes !== undefined && entry.size !== undefined && entry.size > opts.maxBytes) {
      throw new SourceError(rel, 'too-large', `file is ${entry.size} bytes`, entry.size);
    }
    const data = await this.readBlob(entry.sha);
    if (opts.maxBytes !== undefined && data.length > opts.maxBytes) {
      throw new SourceError(rel, 'too-large', `file is ${data.length} bytes`, data.length);
    }
    return data;
  }

  private underRoot(p: string): boolean {
    return this.root === '' || p === this.root || p.startsWith(`${this.root}/`);
  }

  private async tree(): Promise<Map<string, TreeEntry>> {
    return (await this.listed()).entries;
  }

  private listed(): Promise<TreeFiles> {
    this.listing ??= this.cachedTree().catch((error: unknown) => {
      this.listing = undefined; // a failed listing may be retried by a later call
      throw error;
    });
    return this.listing;
  }

  private cachedTree(): Promise<TreeFiles> {
    const cache = this.opts.listingCache;
    if (cache === undefined || !/^[0-9a-f]{40}$/.test(this.opts.sha)) return this.fetchTree();
    const key = `${this.repository}@${this.opts.sha}\0${this.root}`;
    let tree = cache.get(key);
    if (tree === undefined) {
      tree = this.fetchTree();
      cache.set(key, tree);
    }
    return tree;
  }

  private async fetchTree(): Promise<TreeFiles> {
    const { owner, repo, sha } = this.opts;
    // The body unparsed: Octokit parses JSON with a big-integer-safe parser that takes a few times as long
    // as JSON.parse on Node 20 (about 0.2 s for a listing of 14,000 files), and a listing has no big integers.
    const response = await this.api.rest.git.getTree({
      owner,
      repo,
      tree_sha: sha,
      recursive: '1',
      request: { parseSuccessResponseBody: false },
    });
    const data = await parsedListing(response.data as unknown, this.label);
    if (data.truncated) throw new TruncatedTreeError(this.label);
    const entries = new Map<string, TreeEntry>();
    const others = new Map<string, string>();
    for (const item of data.tree) {
      if (item.path === undefined || item.type === 'tree' || item.sha === undefined) continue;
      // Outside the root: never read, kept only as an id.
      if (!this.underRoot(item.path)) others.set(item.path, `${item.mode ?? ''} ${item.sha}`);
      else
        entries.set(item.path, {
          mode: item.mode ?? '',
          type: item.type ?? '',
          sha: item.sha,
          size: item.size,
        });
    }
    return { entries, others };
  }

  /**
   * The blob `sha` of this repository, through the blob store and within the concurrency limit; `inPassing`:
   * read only to search it (kept where the store keeps such reads).
   */
  readBlob(sha: string, opts: { inPassing?: boolean } = {}): Promise<Buffer> {
    const { owner, repo } = this.opts;
    const key = `${owner}/${repo}@${sha}`;
    const store = (opts.inPassing && this.blobCache.inPassing) || this.blobCache;
    let cached = store.get(key);
    if (cached === undefined) {
      cached = this.limited(async () => {
        const { data } = await this.api.rest.git.getBlob({ owner, repo, file_sha: sha });
        return data.encoding === 'base64'
          ? Buffer.from(data.content, 'base64')
          : Buffer.from(data.content, 'utf8');
      });
      cached.catch(() => store.delete(key));
      store.set(key, cached);
    }
    return cached;
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/**
 * A tree listing from what `getTree` gave: the body as a stream (Octokit, asked not to parse it), or the
 * listing itself (a client that parses anyway, or a test's).
 */
async function parsedListing(data: unknown, label: string): Promise<TreeListing> {
  let value = data;
  try {
    if (data instanceof ReadableStream) value = JSON.parse(await new Response(data).text());
    else if (typeof data === 'string') value = JSON.parse(data);
  } catch (error) {
    throw new Error(`the git tree listing of ${label} is not JSON (${(error as Error).message})`);
  }
  const tree = (value as { tree?: unknown } | null)?.tree;
  if (!Array.isArray(tree)) throw new Error(`the git tree listing of ${label} has no \`tree\` list`);
  return value as TreeListing;
}
