/** Options shared by the commands that read a contract tree. */
import { posix } from 'node:path';

import { GitError } from '../load/git.js';
import { SourceError } from '../load/source.js';
import { ScaffoldError } from '../scaffold/fs.js';
import { UsageError } from './common.js';

/** The contract root as a repository-relative posix path (`contracts` by default). */
export function contractRoot(typed: string | undefined): string {
  const root = posix.normalize((typed ?? 'contracts').replace(/\\/g, '/')).replace(/\/+$/, '');
  if (root.startsWith('../') || root === '..' || posix.isAbsolute(root)) {
    throw new UsageError(`--root must be a folder inside the repository, not ${JSON.stringify(typed)}`);
  }
  return root === '' ? '.' : root;
}

/**
 * Reading a tree or scaffolding one fails for reasons the user can fix (not a repository, a ref missing from
 * a shallow clone, a folder that already exists): those errors already say what to do, so they become
 * one-line usage errors (exit 2).
 */
export async function asUsageError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof GitError || err instanceof SourceError || err instanceof ScaffoldError) {
      throw new UsageError(err.message);
    }
    throw err;
  }
}
