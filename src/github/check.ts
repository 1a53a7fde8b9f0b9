/**
 * The contract check of one GitHub event, as the Action runs it: which commits to compare (inputs, else the
 * event), fetching what a shallow checkout lacks, the core's PR check (src/check/pull-request.ts) on the two
 * commits with the approve label judged against GitHub, and the sticky PR comment. Plain results out; the
 * front end writes outputs, annotations and the summary.
 */
import type { Semantics } from '../diff/types.js';
import { GitError, GitSource, gitChangeProbe, treeIdAt } from '../load/git.js';
import { contractRootsIn, MissingRootError, missingRootMessage } from '../load/root.js';
import type { Policy } from '../model/types.js';
import { checkPullRequest } from '../check/pull-request.js';
import { emptyReport } from '../check/report.js';
import type { TreeReport } from '../check/types.js';
import {
  FORK_NOTE,
  NO_REPOSITORY_NOTE,
  commentDone,
  commentFailed,
  comparing,
  labelLines,
  noBaseCommit,
  noContractChanges,
  nothingToCompare,
  quotedNotes,
} from '../report/check-notes.js';
import { DEFAULT_TREE_MARKDOWN_LENGTH, renderTreeMarkdown } from '../report/markdown.js';
import { gitHubPeople } from './approvals.js';
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
  /**
   * Load both trees whole. By default a pull request's check loads and judges only what the change can
   * affect (src/load/changes.ts; same verdict); other events (a push to the default branch) load whole, so
   * that what was already wrong in untouched files is reported there.
   */
  full?: boolean;
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
    const note = nothingToCompare(event.reason);
    log.info(note);
    return finish(opts, emptyReport('—', '—', opts.root), pr, [note], { skipped: event.reason });
  }
  const baseRef: string | BaseRef | undefined =
    opts.base ?? (event.kind === 'compare' ? event.base : undefined);
  if (baseRef === undefined) throw new GitError(noBaseCommit(opts.eventName));
  const headRef = opts.head ?? (event.kind === 'compare' ? event.head : undefined) ?? 'HEAD';
  const base = await commitOf(opts.workspace, baseRef, 'base', log);
  const head = await commitOf(opts.workspace, headRef, 'head', log);
  const refs = { base: refLabel(baseRef, base), head: refLabel(headRef, head) };
  log.info(comparing(opts.root, refs.base, refs.head));

  const [baseTree, headTree] = await Promise.all([
    treeIdAt(opts.workspace, base, opts.root),
    treeIdAt(opts.workspace, head, opts.root),
  ]);
  // A root at neither commit is a mistyped `contracts` input, never "no contract changes".
  if (baseTree === undefined && headTree === undefined) {
    const found = await contractRootsIn(new GitSource(opts.workspace, head, { name: 'head' }));
    throw new MissingRootError(
      missingRootMessage(
        opts.root || '.',
        `in base (${refs.base}) or head (${refs.head})`,
        found,
        (root) => `set the Action's \`contracts\` input to ${root}`,
      ),
    );
  }
  if (baseTree === headTree) {
    const note = noContractChanges(opts.root, baseTree === undefined);
    log.info(note);
    return finish(opts, emptyReport(refs.base, refs.head, opts.root), pr, [note], {
      links: links(opts, base, head),
      unchanged: true,
    });
  }

  const labelled = pr?.labels.some((l) => l.toLowerCase() === opts.approveLabel.toLowerCase()) ?? false;
  const people =
    pr !== undefined && labelled && opts.repository !== undefined
      ? gitHubPeople(opts.github(), { ...repoParts(opts.repository), number: pr.number })
      : undefined;
  const baseSource = new GitSource(opts.workspace, base, { name: 'base' });
  const headSource = new GitSource(opts.workspace, head, { name: 'head' });
  const changeDriven = !(opts.full ?? pr === undefined);
  const outcome = await checkPullRequest({
    base: baseSource,
    head: headSource,
    refs,
    load: { root: opts.root },
    // The probe shares each commit's tree listing with the loader: the same sources.
    ...(changeDriven ? { changes: gitChangeProbe(baseSource, headSource) } : {}),
    evidence: pr !== undefined && labelled ? { label: { name: opts.approveLabel } } : {},
    ...(people ? { people } : {}),
    ...(opts.semantics ? { semantics: opts.semantics } : {}),
    ...(opts.failOn ? { failOn: opts.failOn } : {}),
  });
  const notes: string[] = [];
  for (const line of outcome.label ? labelLines(outcome.label, opts.approveLabel) : []) {
    if (line.note) notes.push(line.text);
    else log[line.level](line.text);
  }
  const report = baseTree === undefined ? { ...outcome.report, rootAdded: true } : outcome.report;
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
    const prefix = quotedNotes(notes);
    const body = `${prefix}${render(DEFAULT_TREE_MARKDOWN_LENGTH - prefix.length)}`;
    const outcome = await comment(opts, pr, body, !extra.unchanged && extra.skipped === undefined);
    if ('note' in outcome) notes.push(outcome.note);
    else result.comment = outcome.result;
  }
  if (extra.skipped !== undefined) result.skipped = extra.skipped;
  const head = quotedNotes(notes);
  result.summary = `${head}${render(SUMMARY_CHARS - head.length)}`;
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
    log.info(`Not commenting: ${FORK_NOTE}`);
    return { note: FORK_NOTE };
  }
  if (opts.repository === undefined && opts.commentStore === undefined) {
    log.warning(NO_REPOSITORY_NOTE);
    return { note: NO_REPOSITORY_NOTE };
  }
  try {
    const store =
      opts.commentStore?.(pr) ??
      new StickyComment(opts.github(), { ...repoParts(opts.repository as string), number: pr.number });
    const result = await store.upsert(body, { create });
    log.info(commentDone(result.action, result.url));
    return { result };
  } catch (error) {
    const note = commentFailed(httpStatus(error) === 403, errorText(error));
    log.warning(note);
    return { note };
  }
}

function links(opts: CheckOptions, base: string, head: string): { base: string; head: string } | undefined {
  if (opts.repository === undefined) return undefined;
  const prefix = `${(opts.serverUrl ?? 'https://github.com').replace(/\/+$/, '')}/${opts.repository}/blob`;
  return { base: `${prefix}/${base}`, head: `${prefix}/${head}` };
}

function repoParts(repository: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new Error(`GITHUB_REPOSITORY must be owner/name, not ${JSON.stringify(repository)}`);
  }
  return { owner, repo };
}
