/** Options shared by the commands that read a contract tree. */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

import { GitError, repositoryTop } from '../load/git.js';
import { contractRootsIn, MissingRootError, missingRootMessage } from '../load/root.js';
import { type ContractSource, SourceError } from '../load/source.js';
import { ScaffoldError } from '../scaffold/fs.js';
import { type CliIo, UsageError, repoDir } from './common.js';

/** The contract root as a repository-relative posix path (`contracts` by default). */
export function contractRoot(typed: string | undefined): string {
  const root = path.posix.normalize((typed ?? 'contracts').replace(/\\/g, '/')).replace(/\/+$/, '');
  if (root.startsWith('../') || root === '..' || path.posix.isAbsolute(root)) {
    throw new UsageError(`--root must be a folder inside the repository, not ${JSON.stringify(typed)}`);
  }
  return root === '' ? '.' : root;
}

/** Where a command reads a tree: the repository's top folder and the root inside it. */
export interface TreeLocation {
  /** The top folder of the repository (of `--repo`, or the folder the command runs in, when not in git). */
  repo: string;
  /** The contract root relative to `repo`, with `/` (`contracts`; `.` for the top itself). */
  root: string;
  /** The root as the user wrote it (or the default), for messages. */
  shown: string;
  /** The folder the user is in (`--repo`, else the current one), relative to `repo`: roots are shown from it. */
  here: string;
}

/**
 * `--repo` and `--root` as git tools read paths: `--root` is relative to the folder the command runs in
 * (or `--repo`), wherever that is in the repository, and the tree is read from the repository's top. Without
 * `--root` the root is `contracts` at the top of the repository, so the command gives the same answer from
 * any subfolder. A root outside the repository is bad usage.
 */
export async function locateTree(
  io: Pick<CliIo, 'cwd'>,
  typedRepo: string | undefined,
  typedRoot: string | undefined,
): Promise<TreeLocation> {
  const start = realpathSync(repoDir(typedRepo, io.cwd));
  const top = realpathSync((await repositoryTop(start)) ?? start);
  const here = toPosix(path.relative(top, start));
  if (typedRoot === undefined) return { repo: top, root: 'contracts', shown: 'contracts', here };
  const relative = toPosix(path.relative(top, path.resolve(start, typedRoot)));
  if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) {
    throw new UsageError(
      `--root ${typedRoot} is outside the repository (${top}): give a folder inside it, relative to the current folder`,
    );
  }
  return { repo: top, root: contractRoot(relative), shown: typedRoot, here };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * The error for a root that is not there (`where`: what was looked at), suggesting the roots `source` does
 * have, written relative to where the user is.
 */
export async function missingRoot(
  location: TreeLocation,
  where: string,
  source: ContractSource,
): Promise<MissingRootError> {
  let found: string[] = [];
  try {
    found = await contractRootsIn(source);
  } finally {
    await source.close?.();
  }
  const fromHere = found.map((root) => {
    const shown = toPosix(path.posix.relative(location.here, root === '.' ? '' : root));
    return shown === '' ? '.' : shown;
  });
  return new MissingRootError(
    missingRootMessage(location.shown, where, fromHere, (root) => `pass --root ${root}`),
  );
}

/**
 * Reading a tree or scaffolding one fails for reasons the user can fix (not a repository, a ref missing from
 * a shallow clone, a folder that already exists, a root that is not there): those errors already say what to
 * do, so they become one-line usage errors (exit 2).
 */
export async function asUsageError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (
      err instanceof GitError ||
      err instanceof SourceError ||
      err instanceof ScaffoldError ||
      err instanceof MissingRootError
    ) {
      throw new UsageError(err.message);
    }
    throw err;
  }
}
