/**
 * A commit of a GitHub repository as a `ContractSource`, read over the REST API: one recursive tree listing
 * per commit (`GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1`), then one blob request per file read
 * (`GET /repos/{owner}/{repo}/git/blobs/{sha}`). Nothing is cloned or checked out and nothing is executed.
 *
 * Only files under the contract root are ever fetched, and only their entries of the listing are kept; the
 * size limit is applied from the listing's `size` before a blob is requested, and `contractFiles` tells from
 * the listing alone how much a full read would fetch (src/github/work-limits.ts bounds it). Blobs are cached
 * by their SHA, so base and head share unchanged files when given the same `blobCache`.
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
      getTree(params: { owner: string; repo: string; tree_sha: string; recursive?: string }): Promise<{
        data: {
          truncated: boolean;
          tree: { path?: string; mode?: string; type?: string; sha?: string; size?: number }[];
        };
      }>;
      getBlob(params: { owner: string; repo: string; file_sha: string }): Promise<{
        data: { content: string; encoding: string; size?: number | null };
      }>;
    };
  };
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
}

/** Where fetched blobs are kept; a `Map` will do. */
export interface BlobStore {
  get(key: string): Promise<Buffer> | undefined;
  set(key: string, value: Promise<Buffer>): unknown;
  delete(key: string): unknown;
}

/**
 * A bounded blob cache for a long-running process: least recently used entries go first once there are more
 * than `maxEntries` or the fetched blobs add up to more than `maxBytes`.
 */
export class BlobCache implements BlobStore {
  private readonly entries = new Map<string, { value: Promise<Buffer>; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 5000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(key: string): Promise<Buffer> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: Promise<Buffer>): this {
    this.delete(key);
    const entry = { value, bytes: 0 };
    this.entries.set(key, entry);
    value.then(
      (buffer) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = buffer.length;
        this.bytes += buffer.length;
        this.evict();
      },
      () => undefined,
    );
    this.evict();
    return this;
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.bytes -= entry.bytes;
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(key);
    }
  }
}

/**
 * Blobs fetched by earlier checks in this process (a push usually changes a few files of the tree: the rest
 * is not fetched again), shared by every bot handler. Keyed by repository and blob SHA; bounded. Its bounds
 * hold both commits of a PR at the bot's default limits (1,000 files and 20 MiB each).
 */
export const blobCache = new BlobCache();

/**
 * The blobs of one check: what it fetched stays here until the check is done, so a blob the shared cache
 * evicts meanwhile (other checks, or a tree larger than the cache) is still never fetched twice; what the
 * shared cache has is taken from it.
 */
export class CheckBlobs implements BlobStore {
  private readonly own = new Map<string, Promise<Buffer>>();

  constructor(private readonly shared: BlobStore) {}

  get(key: string): Promise<Buffer> | undefined {
    const mine = this.own.get(key);
    if (mine !== undefined) return mine;
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

const SYMLINK_MODE = '120000';

export class GitHubApiSource implements ContractSource {
  readonly label: string;
  private readonly root: string;
  private readonly concurrency: number;
  private readonly blobCache: BlobStore;
  private listing: Promise<Map<string, TreeEntry>> | undefined;
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
    const data = await this.blob(entry.sha);
    if (opts.maxBytes !== undefined && data.length > opts.maxBytes) {
      throw new SourceError(rel, 'too-large', `file is ${data.length} bytes`, data.length);
    }
    return data;
  }

  private underRoot(p: string): boolean {
    return this.root === '' || p === this.root || p.startsWith(`${this.root}/`);
  }

  private tree(): Promise<Map<string, TreeEntry>> {
    this.listing ??= this.fetchTree().catch((error: unknown) => {
      this.listing = undefined; // a failed listing may be retried by a later call
      throw error;
    });
    return this.listing;
  }

  private async fetchTree(): Promise<Map<string, TreeEntry>> {
    const { owner, repo, sha } = this.opts;
    const { data } = await this.api.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: '1' });
    if (data.truncated) throw new TruncatedTreeError(this.label);
    const out = new Map<string, TreeEntry>();
    for (const item of data.tree) {
      if (item.path === undefined || item.type === 'tree' || item.sha === undefined) continue;
      if (!this.underRoot(item.path)) continue; // never read: not kept
      out.set(item.path, { mode: item.mode ?? '', type: item.type ?? '', sha: item.sha, size: item.size });
    }
    return out;
  }

  private blob(sha: string): Promise<Buffer> {
    const { owner, repo } = this.opts;
    const key = `${owner}/${repo}@${sha}`;
    let cached = this.blobCache.get(key);
    if (cached === undefined) {
      cached = this.limited(async () => {
        const { data } = await this.api.rest.git.getBlob({ owner, repo, file_sha: sha });
        return data.encoding === 'base64'
          ? Buffer.from(data.content, 'base64')
          : Buffer.from(data.content, 'utf8');
      });
      cached.catch(() => this.blobCache.delete(key));
      this.blobCache.set(key, cached);
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
