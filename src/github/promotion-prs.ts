/**
 * Promotion and rollback PRs on GitHub: one branch per endpoint, alias and kind
 * (`contractguard/<kind>-<endpoint>-<alias>`) holding the default branch's tip plus one commit that moves the
 * alias in endpoint.yaml (`moveAlias`: nothing else in the file changes), and one open PR from it, labelled
 * `contractguard:promotion`, whose hidden marker says which major it moves the alias to.
 */
import type { PromotionKind } from '../canary/promotion.js';
import { moveAlias } from '../scaffold/alias.js';
import { type GitHubClient, httpStatus } from './client.js';

export const PROMOTION_LABEL = 'contractguard:promotion';
const PR_MARKER = '<!-- contractguard:promotion ';

export function promotionBranch(kind: PromotionKind, endpoint: string, alias: string): string {
  return `contractguard/${kind}-${endpoint}-${alias}`;
}

/** One alias move of one endpoint, on top of the default branch's tip. */
export interface AliasMove {
  owner: string;
  repo: string;
  /** The default branch and its tip. */
  branch: string;
  tip: string;
  kind: PromotionKind;
  endpoint: string;
  /** endpoint.yaml, relative to the repository root. */
  file: string;
  alias: string;
  target: number;
}

interface PullMarker {
  kind: PromotionKind;
  endpoint: string;
  alias: string;
  target: number;
}

function pullMarker(m: AliasMove): string {
  const data: PullMarker = { kind: m.kind, endpoint: m.endpoint, alias: m.alias, target: m.target };
  return `${PR_MARKER}${JSON.stringify(data)} -->`;
}

/** The major a promotion PR's body says it moves the alias to. */
function readPullMarker(body: string | null | undefined): PullMarker | undefined {
  const at = body?.indexOf(PR_MARKER) ?? -1;
  if (body === null || body === undefined || at < 0) return undefined;
  const end = body.indexOf(' -->', at);
  try {
    const m = JSON.parse(body.slice(at + PR_MARKER.length, end)) as Partial<PullMarker>;
    return typeof m.target === 'number' && (m.kind === 'promote' || m.kind === 'rollback')
      ? (m as PullMarker)
      : undefined;
  } catch {
    return undefined;
  }
}

export interface OpenPull {
  number: number;
  /** The major its marker names; undefined without a readable marker. */
  target: number | undefined;
}

/** The open PR from the move's branch, if there is one. */
export async function findOpenPull(client: GitHubClient, m: AliasMove): Promise<OpenPull | undefined> {
  const head = promotionBranch(m.kind, m.endpoint, m.alias);
  const { data } = await client.rest.pulls.list({
    owner: m.owner,
    repo: m.repo,
    head: `${m.owner}:${head}`,
    state: 'open',
    per_page: 10,
  });
  const pull = data[0];
  return pull === undefined ? undefined : { number: pull.number, target: readPullMarker(pull.body)?.target };
}

/** Closes a PR with a comment saying why. */
export async function closePull(client: GitHubClient, m: AliasMove, pull: number, comment: string) {
  await client.rest.issues.createComment({ owner: m.owner, repo: m.repo, issue_number: pull, body: comment });
  await client.rest.pulls.update({ owner: m.owner, repo: m.repo, pull_number: pull, state: 'closed' });
}

/**
 * Points the move's branch at the tip plus one commit editing endpoint.yaml. The commit is made with the git
 * data API and the ref moved once, straight to it: never to the tip itself, which would make GitHub consider
 * an open PR merged. With `reuse` (an open PR exists), a branch already one commit on top of the tip is left
 * alone.
 */
export async function pushAliasEdit(client: GitHubClient, m: AliasMove, reuse: boolean, message: string) {
  const { owner, repo } = m;
  const ref = `heads/${promotionBranch(m.kind, m.endpoint, m.alias)}`;
  let branchSha: string | undefined;
  try {
    branchSha = (await client.rest.git.getRef({ owner, repo, ref })).data.object.sha;
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
  if (reuse && branchSha !== undefined) {
    const { data } = await client.rest.git.getCommit({ owner, repo, commit_sha: branchSha });
    if (data.parents.map((p) => p.sha).join() === m.tip) return;
  }
  const { data: file } = await client.rest.repos.getContent({ owner, repo, path: m.file, ref: m.tip });
  if (Array.isArray(file) || file.type !== 'file' || !('content' in file)) {
    throw new Error(`${m.file} is not a file on ${m.branch}`);
  }
  const edited = moveAlias(Buffer.from(file.content, 'base64').toString('utf8'), m.alias, m.target);
  const base = (await client.rest.git.getCommit({ owner, repo, commit_sha: m.tip })).data.tree.sha;
  const tree = await client.rest.git.createTree({
    owner,
    repo,
    base_tree: base,
    tree: [{ path: m.file, mode: '100644', type: 'blob', content: edited }],
  });
  const commit = await client.rest.git.createCommit({
    owner,
    repo,
    message,
    tree: tree.data.sha,
    parents: [m.tip],
  });
  if (branchSha === undefined) {
    await client.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha: commit.data.sha });
  } else {
    await client.rest.git.updateRef({ owner, repo, ref, sha: commit.data.sha, force: true });
  }
}

/** Updates `pull`'s title and body (with the marker), or opens a labelled PR when there is none. */
export async function writePull(
  client: GitHubClient,
  m: AliasMove,
  pull: number | undefined,
  content: { title?: string; body: string },
): Promise<{ number: number; opened: boolean }> {
  const { owner, repo } = m;
  const body = `${content.body}\n\n${pullMarker(m)}\n`;
  if (pull !== undefined) {
    await client.rest.pulls.update({ owner, repo, pull_number: pull, ...content, body });
    return { number: pull, opened: false };
  }
  const { data } = await client.rest.pulls.create({
    owner,
    repo,
    head: promotionBranch(m.kind, m.endpoint, m.alias),
    base: m.branch,
    title: content.title ?? '',
    body,
  });
  await client.rest.issues.addLabels({ owner, repo, issue_number: data.number, labels: [PROMOTION_LABEL] });
  return { number: data.number, opened: true };
}
