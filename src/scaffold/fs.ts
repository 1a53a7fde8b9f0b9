/**
 * The few file operations the scaffolding commands need, so they can run on disk (the CLI) or on anything
 * else that can read and write files (tests, a bot writing through the GitHub API).
 * Paths are posix, relative to the repository directory.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface ScaffoldFs {
  /** The file's text; rejects when it does not exist. */
  readFile(file: string): Promise<string>;
  /** Creates the file and its parent folders; rejects when the file already exists (never overwrites). */
  createFile(file: string, text: string): Promise<void>;
  /** Replaces the text of an existing file. */
  writeFile(file: string, text: string): Promise<void>;
  /** The entries of a folder, or undefined when it is missing or not a folder. */
  list(dir: string): Promise<{ name: string; dir: boolean }[] | undefined>;
  /** Whether anything (file or folder) exists at the path. */
  exists(file: string): Promise<boolean>;
  /** Removes a file (absent where files cannot be removed). */
  removeFile?(file: string): Promise<void>;
}

/** Refusal: the message says what is wrong and what to do instead. Nothing has been written. */
export class ScaffoldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldError';
  }
}

/** `ScaffoldFs` on a directory of the local file system. */
export function nodeFs(dir: string): ScaffoldFs {
  const abs = (file: string): string => path.resolve(dir, ...file.split('/'));
  return {
    readFile: (file) => fs.readFile(abs(file), 'utf8'),
    async createFile(file, text) {
      await fs.mkdir(path.dirname(abs(file)), { recursive: true });
      await fs.writeFile(abs(file), text, { encoding: 'utf8', flag: 'wx' });
    },
    writeFile: (file, text) => fs.writeFile(abs(file), text, 'utf8'),
    async list(folder) {
      try {
        const entries = await fs.readdir(abs(folder), { withFileTypes: true });
        return entries.map((e) => ({ name: e.name, dir: e.isDirectory() }));
      } catch {
        return undefined;
      }
    },
    removeFile: (file) => fs.rm(abs(file), { force: true }),
    async exists(file) {
      try {
        await fs.lstat(abs(file));
        return true;
      } catch {
        return false;
      }
    },
  };
}

export function toScaffoldFs(target: string | ScaffoldFs): ScaffoldFs {
  return typeof target === 'string' ? nodeFs(target) : target;
}

/** Joins posix path segments, dropping empty ones and `.`. */
export function joinPath(...parts: string[]): string {
  return path.posix.normalize(parts.filter((p) => p !== '' && p !== '.').join('/'));
}

/** A contract root as given by the user: posix, no trailing slash, never leaving the repository. */
export function normalizeRoot(root: string): string {
  const normalized = path.posix.normalize(root.replaceAll('\\', '/')).replace(/\/+$/, '');
  if (normalized === '..' || normalized.startsWith('../') || path.posix.isAbsolute(normalized)) {
    throw new ScaffoldError(`contract root '${root}' must be a folder inside the repository`);
  }
  return normalized === '' ? '.' : normalized;
}
