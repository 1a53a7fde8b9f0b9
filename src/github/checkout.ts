/**
 * The commits to compare, in the checkout a workflow made: `actions/checkout` clones at depth 1 by default, so a
 * PR's base (and, when the merge commit is checked out, its head) is missing. A missing commit is fetched from
 * `origin` shallowly and looked up again; a branch base (a new branch's push) is fetched by name.
 */
import { fetchFromOrigin, GitError, resolveRef } from '../load/git.js';
import { errorText } from './client.js';
import type { BaseRef } from './event.js';

export interface CheckLog {
  info(message: string): void;
  warning(message: string): void;
}

/** The commit a ref names, fetching it from origin when a shallow checkout lacks it. */
export async function commitOf(
  repoDir: string,
  ref: string | BaseRef,
  name: string,
  log: CheckLog,
): Promise<string> {
  if (typeof ref === 'object' && 'branch' in ref) {
    log.info(`Fetching the ${name} branch ${ref.branch}: git fetch --no-tags --depth=1 origin ${ref.branch}`);
    await fetchFromOrigin(repoDir, { branch: ref.branch });
    return resolveRef(repoDir, `refs/remotes/origin/${ref.branch}`, { name });
  }
  const text = typeof ref === 'string' ? ref : ref.sha;
  try {
    return await resolveRef(repoDir, text, { name });
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const sha = /^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(text);
    const branch = text.replace(/^(refs\/remotes\/)?origin\//, '').replace(/^refs\/heads\//, '');
    if (!sha && (text === 'HEAD' || /^refs\/(tags|pull)\//.test(text))) throw error;
    log.info(
      `The ${name} ${sha ? `commit ${text.slice(0, 7)}` : `ref ${text}`} is not in this clone; fetching it: git fetch --no-tags --depth=1 origin ${sha ? text : branch}`,
    );
    try {
      await fetchFromOrigin(repoDir, sha ? { sha: text } : { branch });
    } catch (fetchError) {
      throw new GitError(`${error.message}; fetching it failed too: ${errorText(fetchError)}`);
    }
    return resolveRef(repoDir, sha ? text : `refs/remotes/origin/${branch}`, { name });
  }
}

/** How a compared commit is named in the report: `a1b2c3d`, `main (a1b2c3d)`, `origin/main (a1b2c3d)`. */
export function refLabel(ref: string | BaseRef, sha: string): string {
  const short = sha.slice(0, 7);
  if (typeof ref === 'object') return 'branch' in ref ? `origin/${ref.branch} (${short})` : short;
  return sha.startsWith(ref) ? short : `${ref} (${short})`;
}
