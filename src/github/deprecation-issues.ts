/**
 * Consumers of deprecated majors, tracked in GitHub issues. On every push to the default branch (and from a
 * scheduled run) the contract tree of the default branch is read and:
 *
 * - each consumer that uses a deprecated major gets one issue (per endpoint major × consumer, found by a
 *   hidden marker), assigned to the consumer's owner when that is a user; it is edited when its text changes,
 *   closed with a comment when the consumer moves off the major or is removed, and reopened when it moves back
 *   (only when the bot closed it: an issue a person closed is left closed);
 * - reminders are posted once each as comments (`nextReminder`; which were sent is kept in the issue body);
 * - one dashboard issue lists every endpoint major with its status, aliases, consumers and deadline.
 *
 * The plan comes from src/consumers/deprecations.ts, the words from src/report/deprecations.ts.
 */
import { type Reminder, nextReminder } from '../consumers/deprecation-reminders.js';
import {
  type Migration,
  type MigrationKey,
  endpointMajors,
  migrationEnd,
  planMigrations,
  sameMigration,
} from '../consumers/deprecations.js';
import { loadContractSet } from '../load/load.js';
import type { ContractSet } from '../model/types.js';
import {
  DASHBOARD_TITLE,
  closeComment,
  dashboardBody,
  migrationBody,
  migrationTitle,
  reminderComment,
  reopenComment,
} from '../report/deprecations.js';
import { GitHubApiSource, blobCache } from './api-source.js';
import type { GitHubClient } from './client.js';
import { type BotConfig, DEFAULT_CONFIG } from './config.js';
import {
  DASHBOARD_LABEL,
  DASHBOARD_MARKER,
  DEPRECATION_LABEL,
  type DeprecationState,
  deprecationMarker,
  parseDeprecationState,
  readMarker,
  withState,
} from './deprecation-state.js';
import {
  type RepoRef,
  type TrackedIssue,
  commentOnIssue,
  findByMarker,
  listLabeledIssues,
  setIssueState,
  upsertIssue,
} from './issues.js';

export interface DeprecationSyncOptions {
  /** The time to compute days left and reminders against. */
  now: Date;
  /** The commit to read; default the head of the default branch. */
  sha?: string;
  config?: BotConfig;
}

export interface DeprecationSyncResult {
  created: number[];
  updated: number[];
  closed: number[];
  reopened: number[];
  /** Issue number → reminder posted. */
  reminded: { issue: number; reminder: Reminder }[];
  dashboard: { number: number; action: 'created' | 'updated' | 'unchanged' };
}

async function headOfDefaultBranch(client: GitHubClient, repo: RepoRef): Promise<string> {
  const { data } = await client.rest.repos.get({ ...repo });
  const branch = await client.rest.repos.getBranch({ ...repo, branch: data.default_branch });
  return branch.data.commit.sha;
}

/** A `@user` owner as an assignee login; teams (`@org/team`) and other owners are only mentioned. */
function assignee(owner: string): string | undefined {
  const m = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/.exec(owner.trim());
  return m?.[1];
}

function markerOf(m: MigrationKey): string {
  return deprecationMarker(m.endpoint, m.major, m.consumer);
}

/** Brings the deprecation issues, their reminders and the dashboard in line with the tree. Idempotent. */
export async function runDeprecationSync(
  client: GitHubClient,
  repo: RepoRef,
  opts: DeprecationSyncOptions,
): Promise<DeprecationSyncResult> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const sha = opts.sha ?? (await headOfDefaultBranch(client, repo));
  const source = new GitHubApiSource(client, { ...repo, sha, root: config.root, blobCache });
  const set = await loadContractSet(source, { root: config.root, maxBytes: config.maxBytes });
  const result: DeprecationSyncResult = {
    created: [],
    updated: [],
    closed: [],
    reopened: [],
    reminded: [],
    dashboard: { number: 0, action: 'unchanged' },
  };
  const existing = await listLabeledIssues(client, repo, DEPRECATION_LABEL);
  const wanted = await planMigrations(set, opts.now);
  const issueOf = new Map<string, number>();
  for (const m of wanted) {
    const number = await syncMigration(client, repo, existing, m, result);
    issueOf.set(markerOf(m), number);
  }
  await closeFinished(client, repo, set, existing, wanted, result);
  result.dashboard = await syncDashboard(client, repo, set, opts.now, issueOf);
  return result;
}

/** One migration's issue: opened, edited, reopened, reminded. Resolves to its number. */
async function syncMigration(
  client: GitHubClient,
  repo: RepoRef,
  existing: readonly TrackedIssue[],
  m: Migration,
  result: DeprecationSyncResult,
): Promise<number> {
  let issue = findByMarker(existing, markerOf(m));
  const state = issue ? parseDeprecationState(issue.body) : undefined;
  if (issue?.state === 'closed' && !state?.resolved) return issue.number; // closed by a person: left alone
  const step = nextReminder(state?.reminders, m.daysLeft);
  const next: DeprecationState = { reminders: step.sent, resolved: false };
  const body = withState(`${markerOf(m)}\n${migrationBody(m)}`, next);
  if (issue?.state === 'closed') {
    issue = await setIssueState(client, repo, issue, 'open', { body, comment: reopenComment(m) });
    result.reopened.push(issue.number);
  }
  const login = assignee(m.consumerOwner);
  const { action, issue: written } = await upsertIssue(client, repo, issue, {
    title: migrationTitle(m),
    body,
    labels: [DEPRECATION_LABEL],
    ...(login ? { assignees: [login] } : {}),
  });
  if (action === 'created') result.created.push(written.number);
  if (action === 'updated') result.updated.push(written.number);
  if (step.post) {
    await commentOnIssue(client, repo, written.number, reminderComment(m, step.post));
    result.reminded.push({ issue: written.number, reminder: step.post });
  }
  return written.number;
}

/** Open issues no longer wanted: the consumer moved to a supported major or was removed. */
async function closeFinished(
  client: GitHubClient,
  repo: RepoRef,
  set: ContractSet,
  existing: readonly TrackedIssue[],
  wanted: readonly Migration[],
  result: DeprecationSyncResult,
): Promise<void> {
  for (const issue of existing) {
    if (issue.state !== 'open' || !issue.byBot) continue;
    const key = readMarker(issue.body);
    if (!key || wanted.some((m) => sameMigration(m, key))) continue;
    const end = migrationEnd(set, key);
    if (end === undefined) continue;
    const state = parseDeprecationState(issue.body);
    await setIssueState(client, repo, issue, 'closed', {
      body: withState(issue.body, { ...state, resolved: true }),
      comment: closeComment(key, end),
    });
    result.closed.push(issue.number);
  }
}

async function syncDashboard(
  client: GitHubClient,
  repo: RepoRef,
  set: ContractSet,
  now: Date,
  issueOf: ReadonlyMap<string, number>,
): Promise<DeprecationSyncResult['dashboard']> {
  const existing = await listLabeledIssues(client, repo, DASHBOARD_LABEL);
  let issue: TrackedIssue | undefined = findByMarker(existing, DASHBOARD_MARKER);
  if (issue?.state === 'closed') issue = await setIssueState(client, repo, issue, 'open');
  const body = dashboardBody(endpointMajors(set, now), (key) => issueOf.get(markerOf(key)));
  const { action, issue: written } = await upsertIssue(client, repo, issue, {
    title: DASHBOARD_TITLE,
    body: `${DASHBOARD_MARKER}\n${body}`,
    labels: [DASHBOARD_LABEL],
  });
  return { number: written.number, action };
}
