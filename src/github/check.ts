/**
 * The contract check of one GitHub event, as the Action runs it: which commits to compare (inputs, else the
 * event), fetching what a shallow checkout lacks, the report with the approve label checked against GitHub,
 * and the sticky PR comment. Plain results out; the front end writes outputs, annotations and the summary.
 */
import type { Semantics } from '../diff/types.js';
import { GitError, GitSource, treeIdAt } from '../load/git.js';
import { loadContractSet } from '../load/load.js';
import type { ContractSet, Policy } from '../model/types.js';
import { APPROVABLE } from '../policy/approvals.js';
import { DEFAULT_TREE_MARKDOWN_LENGTH, renderTreeMarkdown } from '../report/markdown.js';
import { buildReport } from '../check/report.js';
import type { TreeReport } from '../check/types.js';
import type { Approval, RefusedApproval } from '../policy/types.js';
import { checkApprovalLabel, type LabelVerdict } from './approvals.js';
import { errorText, type GitHubClient, httpStatus } from './client.js';
import { type CheckLog, commitOf, refLabel } from './checkout.js';
import { type BaseRef, comparisonFromEvent, type PullRequestInfo } from './event.js';
import { type CommentStore, StickyComment, type UpsertResult } from './sticky-comment.js';

export type { CheckLog };

export interface CheckOptions {
  /** The repository checkout. */
  workspace: string;
  /** Contract root relative to the repository root (`contracts`). */
  root: string;
  eventName: string;
  payload: unknown;
  /** Refs given as inputs; override the event's. */
  base?: string;
  head?: string;
  semantics?: Semantics;
  failOn?: Policy['failOn'];
  /** Post or update the sticky PR comment. */
  comment: boolean;
  approveLabel: string;
  /** `owner/name`; needed for the comment, the approve label and links. */
  repository?: string;
  /** `https://github.com`: links in the report point at files there. */
  serverUrl?: string;
  /** The GitHub client (created only when needed). */
  github: () => GitHubClient;
  /** The comment store of a PR (default: the sticky comment on GitHub). */
  commentStore?: (pr: PullRequestInfo) => CommentStore;
  log: CheckLog;
}

export interface CheckResult {
  report: TreeReport;
  /** The job summary: notes, then the report. */
  summary: string;
  /** Things to tell the user besides the report (also said in the log): a comment not posted, … */
  notes: string[];
  /** Set when nothing was compared, with the reason. */
  skipped?: string;
  comment?: UpsertResult;
}

/** A job summary may hold 1 MiB; characters of the report can take up to 3 bytes each. */
const SUMMARY_CHARS = 340_000;

export async function runCheck(opts: CheckOptions): Promise<CheckResult> {
  const { log } = opts;
  const event = comparisonFromEvent(opts.eventName, opts.payload);
  const pr = event.kind === 'compare' ? event.pullRequest : undefined;
  if (event.kind === 'nothing' && opts.base === undefined) {
    log.info(`Nothing to compare: ${event.reason}.`);
    const report = emptyReport('—', '—', opts.root);
    return finish(opts, report, pr, [`Nothing to compare: ${event.reason}.`], { skipped: event.reason });
  }
  const baseRef: string | BaseRef | undefined =
    opts.base ?? (event.kind === 'compare' ? event.base : undefined);
  if (baseRef === undefined) {
    throw new GitError(
      `${opts.eventName ? `a ${opts.eventName} event` : 'this event'} names no base commit: set the \`base\` input (a branch, tag or SHA to compare against)`,
    );
  }
  const headRef = opts.head ?? (event.kind === 'compare' ? event.head : undefined) ?? 'HEAD';
  const base = await commitOf(opts.workspace, baseRef, 'base', log);
  const head = await commitOf(opts.workspace, headRef, 'head', log);
  const baseLabel = refLabel(baseRef, base);
  const headLabel = refLabel(headRef, head);
  log.info(`Comparing ${shownRoot(opts.root)} at base ${baseLabel} with head ${headLabel}.`);

  const [baseTree, headTree] = await Promise.all([
    treeIdAt(opts.workspace, base, opts.root),
    treeIdAt(opts.workspace, head, opts.root),
  ]);
  if (baseTree === headTree) {
    const why =
      baseTree === undefined
        ? `neither commit has a folder \`${shownRoot(opts.root)}\``
        : `\`${shownRoot(opts.root)}\` is identical in base and head`;
    log.info(`No contract changes: ${why}.`);
    return finish(opts, emptyReport(baseLabel, headLabel, opts.root), pr, [`No contract changes: ${why}.`], {
      links: links(opts, base, head),
      unchanged: true,
    });
  }

  const [baseSet, headSet] = await Promise.all([load(opts, base, 'base'), load(opts, head, 'head')]);
  const build = (approvals: Approval[] = [], refused: RefusedApproval[] = []) =>
    buildReport({
      base: baseSet,
      head: headSet,
      baseRef: baseLabel,
      headRef: headLabel,
      approvals,
      refusedApprovals: refused,
      ...(opts.semantics ? { semantics: opts.semantics } : {}),
      ...(opts.failOn ? { failOn: opts.failOn } : {}),
    });
  let report = await build();
  const notes: string[] = [];
  const labelled = pr?.labels.some((l) => l.toLowerCase() === opts.approveLabel.toLowerCase()) ?? false;
  if (pr !== undefined && labelled) {
    const endpoints = needingApproval(report, baseSet);
    if (endpoints.length === 0) {
      log.info(`The PR has the label "${opts.approveLabel}", but no change needs an approval.`);
    } else if (opts.repository === undefined) {
      notes.push(`The label "${opts.approveLabel}" was not checked: GITHUB_REPOSITORY is not set.`);
    } else {
      const [owner, repo] = splitRepository(opts.repository);
      let verdict: LabelVerdict;
      try {
        verdict = await checkApprovalLabel(opts.github(), {
          owner,
          repo,
          number: pr.number,
          label: opts.approveLabel,
          endpoints,
          approvers: baseSet.policy.approvers,
        });
      } catch (error) {
        verdict = {
          refused: { reason: `the label "${opts.approveLabel}" could not be checked: ${errorText(error)}` },
        };
      }
      if ('approved' in verdict) {
        log.info(`Approval: ${verdict.approved.by} ${verdict.approved.reason ?? ''}.`);
        report = await build([verdict.approved]);
      } else {
        log.warning(`The label "${opts.approveLabel}" does not count: ${verdict.refused.reason}.`);
        report = await build([], [verdict.refused]);
      }
    }
  }
  return finish(opts, report, pr, notes, { links: links(opts, base, head) });
}

/** Writes the comment (when asked and possible) and assembles the summary. */
async function finish(
  opts: CheckOptions,
  report: TreeReport,
  pr: PullRequestInfo | undefined,
  notes: string[],
  extra: { links?: { base: string; head: string }; unchanged?: boolean; skipped?: string },
): Promise<CheckResult> {
  const render = (maxLength?: number) =>
    renderTreeMarkdown(report, {
      ...(extra.links ? { links: extra.links } : {}),
      ...(maxLength === undefined ? {} : { maxLength }),
    });
  const result: CheckResult = { report, summary: '', notes };
  if (opts.comment && pr !== undefined) {
    const prefix = notes.map((n) => `> ${n}\n\n`).join('');
    const body = `${prefix}${render(DEFAULT_TREE_MARKDOWN_LENGTH - prefix.length)}`;
    const outcome = await comment(opts, pr, body, !extra.unchanged && extra.skipped === undefined);
    if ('note' in outcome) notes.push(outcome.note);
    else result.comment = outcome.result;
  }
  if (extra.skipped !== undefined) result.skipped = extra.skipped;
  const head = notes.map((n) => `> ${n}`).join('\n>\n');
  result.summary = `${head ? `${head}\n\n` : ''}${render(SUMMARY_CHARS - head.length)}`;
  return result;
}

async function comment(
  opts: CheckOptions,
  pr: PullRequestInfo,
  body: string,
  create: boolean,
): Promise<{ result: UpsertResult } | { note: string }> {
  const { log } = opts;
  if (pr.fork && opts.eventName === 'pull_request') {
    const note =
      'This PR comes from a fork: the token of a `pull_request` workflow cannot comment on it, so the report is only in this job summary.';
    log.info(`Not commenting: ${note}`);
    return { note };
  }
  if (opts.repository === undefined && opts.commentStore === undefined) {
    const note = 'No PR comment: GITHUB_REPOSITORY is not set; the report is in this job summary.';
    log.warning(note);
    return { note };
  }
  try {
    const store =
      opts.commentStore?.(pr) ??
      new StickyComment(opts.github(), {
        ...repoParts(opts.repository as string),
        number: pr.number,
      });
    const result = await store.upsert(body, { create });
    const what = {
      created: 'Posted the PR comment',
      updated: 'Updated the PR comment',
      unchanged: 'The PR comment is up to date',
      absent: 'No PR comment to update',
    }[result.action];
    log.info(`${what}${result.url ? `: ${result.url}` : ''}.`);
    return { result };
  } catch (error) {
    const status = httpStatus(error);
    const note =
      status === 403
        ? 'Could not post the PR comment (HTTP 403: the token may not write comments — a PR from a fork, or a workflow without `permissions: pull-requests: write`), so the report is only in this job summary.'
        : `Could not post the PR comment (${errorText(error)}), so the report is only in this job summary.`;
    log.warning(note);
    return { note };
  }
}

async function load(opts: CheckOptions, commit: string, name: string): Promise<ContractSet> {
  const source = new GitSource(opts.workspace, commit, { name });
  try {
    return await loadContractSet(source, { root: opts.root });
  } finally {
    await source.close();
  }
}

/** Endpoints with a finding an approval could turn into a notice, and their owner in base. */
function needingApproval(report: TreeReport, base: ContractSet): { name: string; owner?: string }[] {
  const names = new Set(
    report.findings
      .filter((f) => APPROVABLE.has(f.rule) && f.level === 'error' && f.endpoint !== undefined)
      .map((f) => f.endpoint as string),
  );
  return [...names].sort().map((name) => {
    const owner = base.endpoints.get(name)?.endpoint.owner;
    return owner === undefined ? { name } : { name, owner };
  });
}

function shownRoot(root: string): string {
  return root === '' ? './' : `${root}/`;
}

function links(opts: CheckOptions, base: string, head: string): { base: string; head: string } | undefined {
  if (opts.repository === undefined) return undefined;
  const prefix = `${(opts.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${opts.repository}/blob`;
  return { base: `${prefix}/${base}`, head: `${prefix}/${head}` };
}

function splitRepository(repository: string): [string, string] {
  const { owner, repo } = repoParts(repository);
  return [owner, repo];
}

function repoParts(repository: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new Error(`GITHUB_REPOSITORY must be owner/name, not ${JSON.stringify(repository)}`);
  }
  return { owner, repo };
}

/** The report of a comparison that found nothing: no changes, no findings, passed. */
export function emptyReport(base: string, head: string, root: string): TreeReport {
  return {
    base,
    head,
    root,
    verdict: 'none',
    passed: true,
    versions: [],
    aliasMoves: [],
    findings: [],
    problems: [],
    approvals: [],
  };
}
