/**
 * The PR check on GitHub, as the bot runs it for one event: the sealed ledger from the bot's sticky comment,
 * base and head through the API, the core's check (src/check/pull-request.ts), change-driven
 * (src/github/api-changes.ts: a later push reads only the blobs it changed), with this event's approval
 * evidence — an approve command, or the approve label at the moment it is applied, each from the event's own
 * sender — then, unless the PR moved on meanwhile, the check run and the sticky comment carrying the ledger.
 * An approve command that is not recorded gets a reply instead, and nothing is published.
 *
 * Without a ledger key (Probot's default webhook secret) nothing can be recorded: commands are answered so,
 * and the label counts as in the Action, judged afresh on every event from who applied it last.
 */
import type { ApprovalEvidence, SentCommand } from '../check/approval-evidence.js';
import {
  type BotState,
  type LedgerSeal,
  readState,
  renderState,
  toCoreApprovals,
  withApprovals,
} from '../check/ledger.js';
import { checkPullRequest } from '../check/pull-request.js';
import { worthCommenting } from '../check/report.js';
import { toAnnotations } from '../report/annotations.js';
import {
  NO_LEDGER_KEY_REPLY,
  checkRunSummary,
  checkRunTitle,
  commandReply,
  commentText,
  partialApprovalReply,
} from '../report/pull-request.js';
import { apiChangeProbe } from './api-changes.js';
import { blobCache, CheckBlobs, GitHubApiSource, treeListings } from './api-source.js';
import { gitHubPeople } from './approvals.js';
import { publishCheckRun } from './check-run.js';
import type { GitHubClient } from './client.js';
import type { BotConfig } from './config.js';
import type { Logger } from './guarded.js';
import { StickyComment } from './sticky-comment.js';
import { overLimits, overLimitsText } from './work-limits.js';

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

/** What brought this check about, besides the PR itself: both from the event's own sender. */
export interface BotEvent {
  command?: SentCommand;
  /** The login that applied the approve label in this event. */
  labeledBy?: string;
  /** The approve label was removed in this event: the approvals it gave are taken back for good. */
  unlabeled?: boolean;
}

export type Outcome =
  /** `reply`: what an `approve all` could not cover (to go after `@sender `). */
  | { kind: 'published'; passed: boolean; comment: string; checkRunId: number; reply?: string }
  | { kind: 'stale'; currentHead: string }
  /** The contract tree is over `maxFiles` or `maxTotalBytes`: a failed check run says so, nothing else. */
  | { kind: 'over-limits'; why: string; checkRunId: number }
  /** An approve command that did not count: `reply` says why (to go after `@sender `). */
  | { kind: 'not-recorded'; reply: string };

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

export async function checkOnGitHub(
  client: GitHubClient,
  pr: PullRequestRef,
  config: BotConfig,
  log: Logger,
  key: string | undefined,
  event: BotEvent = {},
): Promise<Outcome> {
  if (event.command !== undefined && key === undefined)
    return { kind: 'not-recorded', reply: NO_LEDGER_KEY_REPLY };
  // One store for both commits: a blob fetched for either is never fetched again in this check.
  const blobs = new CheckBlobs(blobCache);
  const source = (sha: string, name: string) =>
    new GitHubApiSource(client, {
      owner: pr.owner,
      repo: pr.repo,
      sha,
      root: config.root,
      label: `${name} (${sha.slice(0, 7)})`,
      blobCache: blobs,
      listingCache: treeListings,
    });
  const base = source(pr.baseSha, pr.baseRef);
  const head = source(pr.headSha, pr.headRef);
  // From the two listings, before any blob: a tree over the limits is not read at all.
  const over = await overLimits(
    [
      { name: `base ${base.label}`, source: base },
      { name: `head ${head.label}`, source: head },
    ],
    config,
  );
  if (over !== undefined) {
    log.warn(`PR #${pr.number} at ${pr.headSha.slice(0, 7)}: not checked, ${over}`);
    if (event.command !== undefined) return { kind: 'not-recorded', reply: overLimitsText(over).summary };
    const run = await publishCheckRun(client, {
      owner: pr.owner,
      repo: pr.repo,
      headSha: pr.headSha,
      conclusion: 'failure',
      ...overLimitsText(over),
    });
    return { kind: 'over-limits', why: over, checkRunId: run.id };
  }
  const seal: LedgerSeal | undefined =
    key === undefined ? undefined : { key, pullRequest: `${pr.owner}/${pr.repo}#${pr.number}` };
  const sticky = new StickyComment(client, { owner: pr.owner, repo: pr.repo, number: pr.number });
  const read = readState((await sticky.find())?.body, seal);
  const { tampered } = read;
  const state: BotState = event.unlabeled
    ? { ...read.state, approvals: read.state.approvals.filter((a) => a.via !== 'label') }
    : read.state;
  if (tampered) log.warn(`PR #${pr.number}: the state marker in the bot's comment does not verify; ignored`);
  const labelled = pr.labels.some((l) => l.toLowerCase() === config.approveLabel.toLowerCase());
  // A recorded label approval counts while the label is on the PR; without a ledger the label is judged live.
  const counted = state.approvals.filter((a) => a.via === 'command' || labelled);
  const evidence: ApprovalEvidence = {
    ...(event.command ? { command: event.command } : {}),
    ...(labelled && seal === undefined ? { label: { name: config.approveLabel } } : {}),
    ...(labelled && seal !== undefined && event.labeledBy !== undefined
      ? { label: { name: config.approveLabel, appliedBy: event.labeledBy } }
      : {}),
  };
  const outcome = await checkPullRequest({
    base,
    head,
    refs: {
      base: `${pr.baseRef} (${pr.baseSha.slice(0, 7)})`,
      head: `${pr.headRef} (${pr.headSha.slice(0, 7)})`,
    },
    load: { root: config.root, maxBytes: config.maxBytes },
    changes: apiChangeProbe(base, head, {
      maxBytes: config.maxBytes,
      log: prefixed(log, `PR #${pr.number}: `),
    }),
    approvals: toCoreApprovals(counted),
    ledgerTampered: tampered,
    evidence,
    people: gitHubPeople(client, pr),
  });
  const { report, command: verdict, label } = outcome;
  const repoName = `${pr.owner}/${pr.repo}`;
  if (verdict !== undefined && verdict.kind !== 'recorded') {
    return {
      kind: 'not-recorded',
      reply: commandReply(verdict, { headSha: pr.headSha, repoName, approvers: outcome.approvers }),
    };
  }
  const added = [
    ...(verdict?.entries ?? []),
    ...(seal !== undefined && label?.kind === 'judged' ? label.approved : []),
  ];
  for (const a of added) log.info(`approval of ${a.fingerprint} on #${pr.number} by ${a.by} via ${a.via}`);
  const ledger: BotState = withApprovals(state, added);
  const reply =
    verdict?.declined === undefined
      ? undefined
      : partialApprovalReply(verdict.entries.length, verdict.declined, {
          repoName,
          approvers: outcome.approvers,
        });

  const currentHead = await movedOn(client, pr);
  if (currentHead !== undefined) {
    log.info(
      `PR #${pr.number} moved to ${currentHead.slice(0, 7)} while checking ${pr.headSha.slice(0, 7)}; result dropped`,
    );
    return { kind: 'stale', currentHead };
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
  const comment = commentText({
    report,
    previous: state.last,
    pending: outcome.pending,
    approveLabel: config.approveLabel,
    repoName,
    approvers: outcome.approvers,
    checkRunUrl: run.url,
    labelOnPr: labelled,
    stateMarker: renderState({ ...ledger, last: { sha: pr.headSha, passed: report.passed } }, seal),
    ...(links ? { links } : {}),
  });
  // No comment on a PR that touches no contracts, until there is something to say; once there is one, it
  // stays and is kept current (it says when the problems are gone).
  const result = await sticky.upsert(comment, {
    create: worthCommenting(report) || ledger.approvals.length > 0,
  });
  log.info(`PR #${pr.number} at ${pr.headSha.slice(0, 7)}: check run ${run.id}, comment ${result.action}`);
  return {
    kind: 'published',
    passed: report.passed,
    comment,
    checkRunId: run.id,
    ...(reply ? { reply } : {}),
  };
}

function prefixed(log: Logger, prefix: string): Logger {
  return { info: (msg) => log.info(`${prefix}${msg}`), warn: (msg) => log.warn(`${prefix}${msg}`) };
}

/** The PR's head now, when it (or the base) moved since `pr` was read: a newer push publishes its own result. */
async function movedOn(client: GitHubClient, pr: PullRequestRef): Promise<string | undefined> {
  const { data } = await client.rest.pulls.get({ owner: pr.owner, repo: pr.repo, pull_number: pr.number });
  return data.head.sha !== pr.headSha || data.base.sha !== pr.baseSha ? data.head.sha : undefined;
}
