/**
 * Where a contract tree is read from: the working tree (`FsSource`), a git ref (`GitSource`, in git.ts), or
 * the GitHub API (in github/). Paths are relative to the repository root, with `/` separators.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Listing } from './listing.js';

export interface ReadOptions {
  /** Refuse (with a `SourceError` of kind `too-large`) a file larger than this, without reading it all. */
  maxBytes?: number;
}

export interface ContractSource {
  /** Shown in messages: a directory, `HEAD`, `origin/main (1a2b3c4)`. */
  label: string;
  /**
   * Every file under `root` (a directory relative to the repository root; `''` for all), recursively,
   * sorted. Symbolic links are listed (reading one fails); a root that does not exist lists nothing.
   */
  list(root: string): Promise<string[]>;
  /**
   * Optional: `list(root)` as a `Listing` (listing.ts; `root` normalized), the same object for every caller,
   * so that the passes over a large listing are made once. A source without it is listed per caller.
   */
  sharedListing?(root: string): Promise<Listing>;
  /** A file's bytes. Fails with a `SourceError` for a missing file, a symbolic link or a file too large. */
  read(path: string, opts?: ReadOptions): Promise<Buffer>;
  /** Releases what the source holds (a child process); reading again is allowed afterwards. */
  close?(): Promise<void>;
}

export type SourceErrorKind = 'missing' | 'too-large' | 'symlink' | 'not-a-file' | 'unreadable';

/** A file that cannot be read, with the reason; `size` for `too-large`. */
export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly kind: SourceErrorKind,
    message: string,
    readonly size?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** `contracts/`, `./contracts`, `contracts//a/` → `contracts`, `contracts/a`; throws for `..` or absolute. */
export function normalizeRepoPath(p: string): string {
  const posix = p.replace(/\\/g, '/');
  if (posix.startsWith('/') || /^[a-zA-Z]:/.test(posix)) {
    throw new Error(`expected a path relative to the repository root, got ${JSON.stringify(p)}`);
  }
  const parts = posix.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    throw new Error(`a path may not leave the repository root: ${JSON.stringify(p)}`);
  }
  return parts.join('/');
}

/** Directories never walked by `FsSource` (git does not track them either). */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/**
 * The working tree (or any directory) as a contract source. Files are read with synchronous calls (small
 * local files: several times faster than a round trip through the thread pool for each of open, stat, read
 * and close), one file per call, so the event loop is never held for long.
 */
export class FsSource implements ContractSource {
  readonly label: string;
  private readonly repoDir: string;

  constructor(repoDir: string) {
    this.repoDir = path.resolve(repoDir);
    this.label = this.repoDir;
  }

  async list(root: string): Promise<string[]> {
    const start = normalizeRepoPath(root);
    const out: string[] = [];
    const stack = [start];
    while (stack.length > 0) {
      const dir = stack.pop() as string;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(path.join(this.repoDir, dir), { withFileTypes: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (dir === start && (code === 'ENOENT' || code === 'ENOTDIR')) return [];
        throw error;
      }
      for (const entry of entries) {
        const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (!SKIPPED_DIRECTORIES.has(entry.name)) stack.push(rel);
        } else if (entry.isFile() || entry.isSymbolicLink()) out.push(rel);
      }
    }
    return out.sort();
  }

  async read(file: string, opts: ReadOptions = {}): Promise<Buffer> {
    const rel = normalizeRepoPath(file);
    const maxBytes = opts.maxBytes;
    const absolute = path.join(this.repoDir, rel);
    let fd: number;
    try {
      // O_NOFOLLOW: a symbolic link is refused, never followed (it could lead out of the repository);
      // O_NONBLOCK: a FIFO put in a file's place cannot hang the open.
      fd = fs.openSync(
        absolute,
        fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0),
      );
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceError(rel, 'missing', 'no such file');
      if (code === 'ELOOP' || code === 'EMLINK') throw symlinkError(rel);
      throw new SourceError(rel, 'unreadable', `cannot read the file: ${code ?? String(error)}`);
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) throw new SourceError(rel, 'not-a-file', 'not a regular file');
      if (maxBytes !== undefined && stat.size > maxBytes) {
        throw new SourceError(rel, 'too-large', `file is ${stat.size} bytes`, stat.size);
      }
      // Read up to one byte past the limit, in case the file grew since the stat.
      const limit = maxBytes === undefined ? Infinity : maxBytes + 1;
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const buffer = Buffer.allocUnsafe(
          Math.max(1, Math.min(limit - total, Math.max(stat.size - total, 0) + 1, 1 << 20)),
        );
        const n = fs.readSync(fd, buffer, 0, buffer.length, null);
        if (n === 0) break;
        chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
        total += n;
        if (maxBytes !== undefined && total > maxBytes) {
          throw new SourceError(rel, 'too-large', `file is more than ${maxBytes} bytes`, total);
        }
      }
      return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
    } finally {
      fs.closeSync(fd);
    }
  }
}

export function symlinkError(file: string): SourceError {
  return new SourceError(
    file,
    'symlink',
    'is a symbolic link; contractguard does not follow links in a contract tree (copy the file instead)',
  );
}
