/**
 * Change-driven loading for the bot (issue 17): a `ChangeProbe` (src/load/changes.ts) over the GitHub REST
 * API, so that a push to a PR costs requests in proportion to what it changed, not to the repository.
 *
 *  - The changed paths come from the two recursive tree listings the sources fetch anyway (a file differs
 *    where its blob SHA or mode does): no request of its own.
 *  - Mentions of file names (the referrers of a changed file) cannot be searched with `git grep` here: each
 *    blob of the base tree under the root is read once and its path-like tokens (`referenceTokens` of
 *    src/load/git.ts, the same reading `git grep` gets) are kept in a bounded process-wide cache keyed by
 *    blob SHA — a blob never changes. The first check of a PR (or of a new base) reads the base tree whole;
 *    a later push to the same PR fetches only the blobs it changed.
 *
 * Only tokens with a `.` or a `/` are kept (file names and paths: an eighth of a contract file's text): a
 * search for a name without either (a file `README`) reads the base blobs again for that search.
 *
 * A search then looks at each distinct token of the base once, not at each file: the base's tokens are
 * indexed (token → the files that have it) once per base tree and kept for the next checks on that base, so
 * that a push to a PR whose base did not move searches in proportion to the distinct names the tree uses.
 * The probe never decides a verdict: whatever it cannot answer (a truncated listing, a failed request) makes
 * the check load both trees whole, which it says in the log.
 */
import { createHash } from 'node:crypto';

import type { ChangeProbe, Mention } from '../load/changes.js';
import { referenceTokens, type ReferenceTokens } from '../load/git.js';
import { LruCache, TruncatedTreeError, type BlobFile, type GitHubApiSource } from './api-source.js';
import type { Logger } from './guarded.js';

/** `git grep -I`: a file with a NUL byte in its first 8,000 bytes is binary and not searched. */
const BINARY_PROBE_BYTES = 8000;

const NOTHING: ReferenceTokens = { escaped: false, tokens: '' };

/** The tokens kept per blob: those a name with an extension, or a path, can be part of. */
const pathLike = (token: string): boolean => token.includes('.') || token.includes('/');

/** A blob's tokens (those `keep` accepts; all by default), as `git grep -I` reads it. */
function blobTokens(data: Buffer, keep?: (token: string) => boolean): ReferenceTokens {
  if (data.subarray(0, BINARY_PROBE_BYTES).includes(0)) return NOTHING;
  return referenceTokens(data.toString('utf8'), keep);
}

/**
 * The path-like tokens of blobs, by `owner/repo@sha`, for the whole process: least recently used entries
 * go first once there are more than `maxEntries` or their tokens add up to more than `maxChars`.
 */
export class MentionCache extends LruCache<ReferenceTokens> {
  /** The token indexes of recent base trees, by repository and listing: a few bases are checked at a time. */
  readonly indexes = new LruCache<TokenIndex>(
    8,
    8_000_000,
    (index) => index.holders.size + index.files.length,
  );

  constructor(maxEntries = 200_000, maxChars = 32 * 1024 * 1024) {
    super(maxEntries, maxChars, (found) => found.tokens.length + 64);
  }

  override clear(): void {
    super.clear();
    this.indexes.clear();
  }
}

/** Shared by every check of the bot process. */
export const mentionCache = new MentionCache();

/**
 * The kept tokens of a base tree, indexed: every distinct token with the files that have it (and where in
 * each file's list of tokens, so that mentions come out in the order a file-by-file search gives them).
 */
interface TokenIndex {
  /** The files searched, in order. */
  files: readonly string[];
  /** Files that count as referring to anything: a reference written with escapes, or too large to read. */
  everything: ReadonlySet<number>;
  /** Token → `[file index, position among the file's tokens]` pairs, flattened. */
  holders: ReadonlyMap<string, readonly number[]>;
}

/** A key for the base files searched: their paths, blobs and sizes, and what was too large to read. */
function listingKey(
  repository: string,
  files: readonly BlobFile[],
  tooLarge: (file: BlobFile) => boolean,
): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\0${file.sha}\0${tooLarge(file) ? 1 : 0}\n`);
  return `${repository}@${hash.digest('hex')}`;
}

function indexTokens(
  files: readonly BlobFile[],
  found: readonly (ReferenceTokens | undefined)[],
): TokenIndex {
  const everything = new Set<number>();
  const holders = new Map<string, number[]>();
  found.forEach((tokens, i) => {
    if (tokens === undefined || tokens.escaped) everything.add(i);
    if (tokens === undefined || tokens.tokens === '') return;
    tokens.tokens.split('\n').forEach((token, position) => {
      const list = holders.get(token);
      if (list === undefined) holders.set(token, [i, position]);
      else list.push(i, position);
    });
  });
  return { files: files.map((file) => file.path), everything, holders };
}

/**
 * The mentions of `names` in the indexed files, as `git grep` finds them (`gitChangeProbe`'s `mentions`): a
 * token mentions a name it contains; one written with `%` or `\\` is a reference to anything (token `undefined`).
 */
function mentionsOf(index: TokenIndex, names: readonly string[]): Mention[] {
  const hits: [file: number, position: number, token: string | undefined][] = [];
  for (const i of index.everything) hits.push([i, -1, undefined]);
  for (const [token, where] of index.holders) {
    if (!names.some((name) => token.includes(name))) continue;
    const shown = /[%\\\t]/.test(token) ? undefined : token;
    for (let k = 0; k < where.length; k += 2) hits.push([where[k] as number, where[k + 1] as number, shown]);
  }
  hits.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return hits.map(([i, , token]) => ({ file: index.files[i] as string, token }));
}

export interface ApiChangeProbeOptions {
  /** Default: the process-wide `mentionCache`. */
  cache?: MentionCache;
  /** A base file larger than this is not read: it counts as referring to anything. */
  maxBytes?: number;
  /** Where the probe says what it read, and why it gave up (the check then loads both trees whole). */
  log?: Logger;
}

/** Change-driven loading between two commits read over the API (see the top of this file). */
export function apiChangeProbe(
  base: GitHubApiSource,
  head: GitHubApiSource,
  opts: ApiChangeProbeOptions = {},
): ChangeProbe {
  const cache = opts.cache ?? mentionCache;
  const giveUp = (error: unknown): never => {
    const why =
      error instanceof TruncatedTreeError
        ? 'a tree listing was truncated'
        : error instanceof Error
          ? error.message
          : String(error);
    opts.log?.warn(`change-driven check not possible (${why}): loading both trees whole`);
    throw error;
  };

  /** The kept tokens of a base blob: from the cache, or read once and cached. */
  const cachedTokens = (sha: string, fetched: { count: number }): Promise<ReferenceTokens> => {
    const key = `${base.repository}@${sha}`;
    let tokens = cache.get(key);
    if (tokens === undefined) {
      fetched.count++;
      tokens = base.readBlob(sha, { inPassing: true }).then((data) => blobTokens(data, pathLike));
      cache.set(key, tokens);
    }
    return tokens;
  };

  return {
    async changedPaths() {
      const [from, to] = await Promise.all([base.fileIds(), head.fileIds()]).catch(giveUp);
      const changed: string[] = [];
      for (const [path, id] of from) if (to.get(path) !== id) changed.push(path);
      for (const path of to.keys()) if (!from.has(path)) changed.push(path);
      return changed.sort();
    },

    async mentions(names, root) {
      if (names.length === 0) return [];
      try {
        const files = await base.blobFiles(root);
        const fetched = { count: 0 };
        const tooLarge = (file: BlobFile) =>
          opts.maxBytes !== undefined && file.size !== undefined && file.size > opts.maxBytes;
        // A name without `.` or `/` may be a whole token the cache did not keep: every token of the base,
        // read for this search only.
        const bare = names.find((name) => !pathLike(name));
        if (bare !== undefined) {
          opts.log?.info(`a file name without an extension (${bare}) is searched for: reading base whole`);
          const found = await Promise.all(
            files.map(async (file) =>
              tooLarge(file) ? undefined : blobTokens(await base.readBlob(file.sha, { inPassing: true })),
            ),
          );
          return mentionsOf(indexTokens(files, found), names);
        }
        const key = listingKey(base.repository, files, tooLarge);
        let index = cache.indexes.get(key);
        if (index === undefined) {
          index = Promise.all(
            files.map((file) => (tooLarge(file) ? undefined : cachedTokens(file.sha, fetched))),
          ).then((found) => indexTokens(files, found));
          cache.indexes.set(key, index);
        }
        const indexed = await index;
        if (fetched.count > 0)
          opts.log?.info(`read ${fetched.count} of ${files.length} base files to find references`);
        return mentionsOf(indexed, names);
      } catch (error) {
        return giveUp(error);
      }
    },
  };
}
