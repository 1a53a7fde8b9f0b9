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
 * The probe never decides a verdict: whatever it cannot answer (a truncated listing, a failed request) makes
 * the check load both trees whole, which it says in the log.
 */
import type { ChangeProbe, Mention } from '../load/changes.js';
import { mentionsIn, referenceTokens, type ReferenceTokens } from '../load/git.js';
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
  constructor(maxEntries = 200_000, maxChars = 32 * 1024 * 1024) {
    super(maxEntries, maxChars, (found) => found.tokens.length + 64);
  }
}

/** Shared by every check of the bot process. */
export const mentionCache = new MentionCache();

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
        const match = mentionsIn(names);
        // A name without `.` or `/` may be a whole token the cache did not keep: read the blobs for it.
        const bare = names.find((name) => !pathLike(name));
        if (bare !== undefined)
          opts.log?.info(`a file name without an extension (${bare}) is searched for: reading base whole`);
        const fetched = { count: 0 };
        const tooLarge = (file: BlobFile) =>
          opts.maxBytes !== undefined && file.size !== undefined && file.size > opts.maxBytes;
        const found = await Promise.all(
          files.map(async (file): Promise<Mention[]> => {
            if (tooLarge(file)) return [{ file: file.path, token: undefined }];
            const tokens =
              bare === undefined
                ? await cachedTokens(file.sha, fetched)
                : blobTokens(await base.readBlob(file.sha, { inPassing: true }));
            return match(file.path, tokens);
          }),
        );
        if (fetched.count > 0)
          opts.log?.info(`read ${fetched.count} of ${files.length} base files to find references`);
        return found.flat();
      } catch (error) {
        return giveUp(error);
      }
    },
  };
}
