/**
 * One check of a PR, in two halves so the approve command can sit between them:
 *   prepare — read the bot's state from its sticky comment, read base and head through the GitHub API,
 *             build a first report (recorded approvals only) and list what still needs approval;
 *   finish  — add the approve label's verdict, build the final report, make sure the PR head has not moved
 *             on, then publish the check run and the sticky comment.
 * `guarded` turns any failure into a failed `contractguard` check run that says why, then rethrows.
 */
import { checkApprovalLabel } from '../src/github/approvals.js';
import { BlobCache, GitHubApiSource } from '../src/github/api-source.js';
import { publishCheckRun } from '../src/github/check-run.js';
import { type GitHubClient, errorText, httpStatus } from '../src/github/client.js';
import { StickyComment } from '../src/github/sticky-comment.js';
import { loadContractSet } from '../src/load/load.js';
import type { ContractSet } from '../src/model/types.js';
import { APPROVABLE } from '../src/policy/approvals.js';
import { toAnnotations } from '../src/report/annotations.js';
import { buildReport } from '../src/check/report.js';
import type { TreeReport } from '../src/check/types.js';
import type { Approval, RefusedApproval } from '../src/policy/types.js';
import type { BotConfig } from '../src/github/config.js';
import { checkRunSummary, commentText, checkRunTitle } from './render.js';
import { type BotState, parseState, toCoreApprovals } from './state.js';

export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
  baseSha: string;
  headSha: string;
  /** Branch names, for the report. */
  baseRef: string;
  headRef: string;
  labels: string[];
  /** `https://github.com/acme/api`: file links in the report. */
  repoUrl?: string;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface Prepared {
  client: GitHubClient;
  pr: PullRequestRef;
  config: BotConfig;
  sticky: StickyComment;
  state: BotState;
  base: ContractSet;
  head: ContractSet;
  /** The report with the recorded approvals only. */
  report: TreeReport;
  /** Endpoints whose changes still need an approval, with their owner in base. */
  needsApproval: { name: string; owner?: string }[];
}

export type Outcome =
  | { kind: 'published'; passed: boolean; comment: string; checkRunId: number }
  | { kind: 'stale'; currentHead: string };

/** A `pulls.get` answer (or a `pull_request` payload) as a `PullRequestRef`. */
export function pullRequestRef(
  owner: string,
  repo: string,
  pr: {
    number: number;
    base: { sha: string; ref: string; repo?: { html_url?: string } | null };
    head: { sha: string; ref: string };
    labels?: ({ name?: string } | string)[];
  },
): PullRequestRef {
  const labels = (pr.labels ?? [])
    .map((l) => (typeof l === 'string' ? l : l.name))
    .filter((n): n is string => typeof n === 'string');
  const repoUrl = pr.base.repo?.html_url;
  return {
    owner,
    repo,
    number: pr.number,
    baseSha: pr.base.sha,
    headSha: pr.head.sha,
    baseRef: pr.base.ref,
    headRef: pr.head.ref,
    labels,
    ...(repoUrl ? { repoUrl } : {}),
  };
}

/**
 * Blobs fetched by earlier checks in this process (a push usually changes a few files of the tree: the rest
 * is not fetched again). Keyed by repository and blob SHA; bounded in entries and bytes.
 */
export const blobCache = new BlobCache();

export async function prepare(
  client: GitHubClient,
  pr: PullRequestRef,
  config: BotConfig,
): Promise<Prepared> {
  const sticky = new StickyComment(client, { owner: pr.owner, repo: pr.repo, number: pr.number });
  const existing = await sticky.find();
  const state = parseState(existing?.body);
  const source = (sha: string, name: string) =>
    new GitHubApiSource(client, {
      owner: pr.owner,
      repo: pr.repo,
      sha,
      root: config.root,
      label: `${name} (${sha.slice(0, 7)})`,
      blobCache,
    });
  const [base, head] = await Promise.all([
    loadContractSet(source(pr.baseSha, pr.baseRef), { root: config.root, maxBytes: config.maxBytes }),
    loadContractSet(source(pr.headSha, pr.headRef), { root: config.root, maxBytes: config.maxBytes }),
  ]);
  const report = await build(pr, base, head, toCoreApprovals(state.approvals), []);
  return {
    client,
    pr,
    config,
    sticky,
    state,
    base,
    head,
    report,
    needsApproval: needsApproval(report, base),
  };
}

function build(
  pr: PullRequestRef,
  base: ContractSet,
  head: ContractSet,
  approvals: Approval[],
  refused: RefusedApproval[],
): Promise<TreeReport> {
  return buildReport({
    base,
    head,
    baseRef: `${pr.baseRef} (${pr.baseSha.slice(0, 7)})`,
    headRef: `${pr.headRef} (${pr.headSha.slice(0, 7)})`,
    approvals,
    ...(refused.length ? { refusedApprovals: refused } : {}),
  });
}

/** Endpoints with an error an approval could lift; owners from base (a PR cannot appoint its own approver). */
export function needsApproval(report: TreeReport, base: ContractSet): { name: string; owner?: string }[] {
  const names = new Set<string>();
  for (const f of report.findings) {
    if (f.level === 'error' && APPROVABLE.has(f.rule) && f.endpoint !== undefined) names.add(f.endpoint);
  }
  return [...names].sort().map((name) => {
    const owner = base.endpoints.get(name)?.endpoint.owner;
    return owner === undefined ? { name } : { name, owner };
  });
}

/** The fingerprints an approval could cover: the changes of the approvable errors. */
export function approvableFingerprints(report: TreeReport): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of report.findings) {
    if (f.level !== 'error' || !APPROVABLE.has(f.rule) || f.endpoint === undefined) continue;
    for (const fp of f.fingerprints ?? []) out.set(fp, f.endpoint);
  }
  return out;
}

export async function finish(p: Prepared, state: BotState, log: Logger): Promise<Outcome> {
  const { client, pr, config } = p;
  const approvals = toCoreApprovals(state.approvals);
  const refused: RefusedApproval[] = [];
  const labelled = pr.labels.some((l) => l.toLowerCase() === config.approveLabel.toLowerCase());
  if (labelled && p.needsApproval.length > 0) {
    const verdict = await checkApprovalLabel(client, {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      label: config.approveLabel,
      endpoints: p.needsApproval,
      approvers: p.base.policy.approvers,
    });
    if ('approved' in verdict) approvals.push(verdict.approved);
    else refused.push(verdict.refused);
  }
  const report =
    state === p.state && approvals.length === state.approvals.length && refused.length === 0
      ? p.report
      : await build(pr, p.base, p.head, approvals, refused);

  // A newer push (or a new base) wins: its own delivery publishes; this result is dropped.
  const { data: current } = await client.rest.pulls.get({
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.number,
  });
  if (current.head.sha !== pr.headSha || current.base.sha !== pr.baseSha) {
    log.info(
      `PR #${pr.number} moved to ${current.head.sha.slice(0, 7)} while checking ${pr.headSha.slice(0, 7)}; result dropped`,
    );
    return { kind: 'stale', currentHead: current.head.sha };
  }

  const links = pr.repoUrl
    ? { base: `${pr.repoUrl}/blob/${pr.baseSha}`, head: `${pr.repoUrl}/blob/${pr.headSha}` }
    : undefined;
  const run = await publishCheckRun(client, {
    owner: pr.owner,
    repo: pr.repo,
    headSha: pr.headSha,
    conclusion: report.passed ? 'success' : 'failure',
    title: checkRunTitle(report),
    summary: checkRunSummary(report, links),
    annotations: toAnnotations(report),
  });
  const nextState: BotState = { ...state, last: { sha: pr.headSha, passed: report.passed } };
  const comment = commentText({
    report,
    state: nextState,
    previous: state.last,
    needsApproval: needsApproval(report, p.base),
    fingerprints: approvableFingerprints(report),
    approveLabel: config.approveLabel,
    repoName: `${pr.owner}/${pr.repo}`,
    approvers: p.base.policy.approvers,
    checkRunUrl: run.url,
    ...(links ? { links } : {}),
  });
  // No comment on a PR that touches no contracts, until there is something to say; once there is one, it
  // stays and is kept current (it says when the problems are gone).
  const result = await p.sticky.upsert(comment, {
    create: worthCommenting(report) || state.approvals.length > 0,
  });
  log.info(`PR #${pr.number} at ${pr.headSha.slice(0, 7)}: check run ${run.id}, comment ${result.action}`);
  return { kind: 'published', passed: report.passed, comment, checkRunId: run.id };
}

/** Anything beyond "no contract changes": a change with an effect, a finding or a problem. */
export function worthCommenting(report: TreeReport): boolean {
  return (
    report.findings.length > 0 ||
    report.problems.length > 0 ||
    report.aliasMoves.length > 0 ||
    report.versions.some((v) => v.kind !== 'unchanged' && v.changes.some((c) => c.severity !== 'none'))
  );
}

/**
 * Runs `task`; when it throws, marks the head commit with a failed `contractguard` check run that says why
 * (best effort), then rethrows so the delivery (or the Actions step) fails too.
 */
export async function guarded<T>(
  client: GitHubClient,
  pr: Pick<PullRequestRef, 'owner' | 'repo' | 'headSha'>,
  log: Logger,
  task: () => Promise<T>,
): Promise<T> {
  try {
    return await task();
  } catch (error) {
    const status = httpStatus(error);
    const why =
      status === undefined ? errorText(error) : `GitHub answered HTTP ${status}: ${errorText(error)}`;
    try {
      await publishCheckRun(client, {
        owner: pr.owner,
        repo: pr.repo,
        headSha: pr.headSha,
        conclusion: 'failure',
        title: 'contractguard could not check this commit',
        summary:
          `contractguard could not check the contracts of this commit: ${why}\n\n` +
          (status !== undefined && status >= 500
            ? 'GitHub had a server error (the request was retried). Re-run this check or push again to retry.'
            : 'Fix the cause, then re-run this check or push again.'),
      });
    } catch (reportError) {
      log.warn(`could not publish the failed check run either: ${errorText(reportError)}`);
    }
    throw error;
  }
}
