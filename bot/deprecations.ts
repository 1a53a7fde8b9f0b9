/**
 * Consumers of deprecated majors, tracked in GitHub issues. On every push to the default branch (and from a
 * scheduled run, `runDeprecationSync`) the contract tree of the default branch is read and:
 *
 * - each consumer that uses a deprecated major gets one issue (per endpoint major × consumer, found by a
 *   hidden marker) saying by when to migrate, to which major and what changes, assigned to the consumer's
 *   owner when that is a user; it is edited when its text changes, closed with a comment when the consumer
 *   moves off the major or is removed, and reopened when it moves back (only when the bot closed it: an issue
 *   a person closed is left closed);
 * - reminders are posted once each as comments, 30, 7 and 1 days before the deadline and once when it has
 *   passed (which were sent is kept in a hidden marker in the issue body);
 * - one dashboard issue lists every endpoint major with its status, aliases, consumers and deadline.
 */
import type { Context, Probot } from 'probot';

import { GitHubApiSource } from '../src/github/api-source.js';
import type { GitHubClient } from '../src/github/client.js';
import {
  type RepoRef,
  type TrackedIssue,
  commentOnIssue,
  findByMarker,
  listLabeledIssues,
  setIssueState,
  upsertIssue,
} from '../src/github/issues.js';
import { diffSchemas } from '../src/diff/index.js';
import { loadContractSet } from '../src/load/load.js';
import type { ContractSet, LoadedVersion } from '../src/model/types.js';
import { blobCache } from './pipeline.js';
import { type BotConfig, DEFAULT_CONFIG } from '../src/github/config.js';
import { loadConfig } from './config.js';

export const DEPRECATION_LABEL = 'contractguard:deprecation';
export const DASHBOARD_LABEL = 'contractguard:dashboard';
export const DASHBOARD_MARKER = '<!-- contractguard:dashboard -->';

/** Reminder thresholds in days before the deadline, most distant first; `overdue` once it has passed. */
export const REMINDERS = ['30', '7', '1', 'overdue'] as const;
export type Reminder = (typeof REMINDERS)[number];

const DAY_MS = 86_400_000;

export function deprecationMarker(endpoint: string, major: number, consumer: string): string {
  return `<!-- contractguard:deprecation endpoint=${endpoint} major=${major} consumer=${consumer} -->`;
}

// ---- hidden state in the issue body -------------------------------------------------------------------

export interface DeprecationState {
  /** Reminders already posted (or due when the issue was opened, so never posted). */
  reminders: Reminder[];
  /** The bot closed the issue because the consumer moved off the major (so it may reopen it). */
  resolved: boolean;
}

const STATE_PATTERN = /<!-- contractguard:deprecation-state (\{[^\n]*?\}) -->/;

export function parseDeprecationState(body: string): DeprecationState {
  const match = STATE_PATTERN.exec(body);
  if (!match?.[1]) return { reminders: [], resolved: false };
  try {
    const raw = JSON.parse(match[1]) as { reminders?: unknown; resolved?: unknown };
    const reminders = Array.isArray(raw.reminders)
      ? REMINDERS.filter((r) => (raw.reminders as unknown[]).includes(r))
      : [];
    return { reminders, resolved: raw.resolved === true };
  } catch {
    return { reminders: [], resolved: false };
  }
}

function renderDeprecationState(state: DeprecationState): string {
  const json = JSON.stringify({ reminders: state.reminders, resolved: state.resolved }).replace(
    /[<>-]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<!-- contractguard:deprecation-state ${json} -->`;
}

function withState(body: string, state: DeprecationState): string {
  const line = renderDeprecationState(state);
  return STATE_PATTERN.test(body) ? body.replace(STATE_PATTERN, line) : `${body}\n${line}\n`;
}

// ---- what the tree says -------------------------------------------------------------------------------

/** Whole days from `now` (UTC day) to `date` (YYYY-MM-DD): negative once it has passed. */
export function daysLeft(date: string, now: Date): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.UTC(y, m - 1, d) - today) / DAY_MS);
}

/** The reminders due `left` days before the deadline, most distant first. */
export function dueReminders(left: number): Reminder[] {
  const due: Reminder[] = [];
  for (const r of REMINDERS) {
    if (r === 'overdue' ? left < 0 : left <= Number(r)) due.push(r);
  }
  return due;
}

function isDeprecated(v: LoadedVersion): boolean {
  return v.contract.status === 'deprecated' || v.contract.deprecation !== undefined;
}

/** The major replacing `v`: the declared one, else the lowest newer major that is not deprecated. */
function replacementOf(set: ContractSet, v: LoadedVersion): LoadedVersion | undefined {
  const versions = set.endpoints.get(v.endpoint)?.versions;
  if (!versions) return undefined;
  const declared = v.contract.deprecation?.replacement;
  if (declared !== undefined) return versions.get(declared);
  return [...versions.values()]
    .filter((o) => o.major > v.major && !isDeprecated(o))
    .sort((a, b) => a.major - b.major)[0];
}

/** The breaking and dangerous changes from `from` to `to`, as sentences. */
async function migrationList(set: ContractSet, from: LoadedVersion, to: LoadedVersion): Promise<string[]> {
  const options = { semantics: set.policy.semantics, overrides: set.policy.rules };
  const out: string[] = [];
  for (const direction of ['input', 'output'] as const) {
    const result = await diffSchemas(from[direction], to[direction], { ...options, direction });
    for (const change of result.changes) {
      if (change.severity !== 'breaking' && change.severity !== 'dangerous') continue;
      out.push(`${direction === 'input' ? 'Request' : 'Response'} (${change.severity}): ${change.message}`);
    }
  }
  return out;
}

interface Need {
  marker: string;
  endpoint: string;
  major: number;
  consumer: string;
  owner: string;
  version: LoadedVersion;
}

function needs(set: ContractSet): Need[] {
  const out: Need[] = [];
  for (const { consumer } of set.consumers) {
    for (const use of consumer.uses) {
      const version = set.endpoints.get(use.endpoint)?.versions.get(use.version);
      if (!version || !isDeprecated(version)) continue;
      const marker = deprecationMarker(use.endpoint, use.version, consumer.name);
      if (out.some((n) => n.marker === marker)) continue;
      out.push({
        marker,
        endpoint: use.endpoint,
        major: use.version,
        consumer: consumer.name,
        owner: consumer.owner,
        version,
      });
    }
  }
  return out;
}

/** A `@user` owner as an assignee login; teams (`@org/team`) and other owners are only mentioned. */
function assignee(owner: string): string | undefined {
  const m = /^@([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)$/.exec(owner.trim());
  return m?.[1];
}

function mention(owner: string): string {
  return owner.startsWith('@') ? owner : `@${owner}`;
}

function issueTitle(n: Need): string {
  const date = n.version.contract.deprecation?.date;
  return `Migrate ${n.consumer} off ${n.endpoint} v${n.major}${date ? ` by ${date}` : ''}`;
}

function describeLeft(left: number): string {
  if (left < 0) return `overdue by ${-left} day${left === -1 ? '' : 's'}`;
  if (left === 0) return 'due today';
  return `${left} day${left === 1 ? '' : 's'} left`;
}

async function issueBody(set: ContractSet, n: Need, now: Date, state: DeprecationState): Promise<string> {
  const date = n.version.contract.deprecation?.date;
  const replacement = replacementOf(set, n.version);
  const lines = [
    n.marker,
    `**${n.consumer}** (owner ${mention(n.owner)}) uses **${n.endpoint} v${n.major}**, which is deprecated.`,
    '',
    date ? `- **Deadline:** ${date} (${describeLeft(daysLeft(date, now))})` : '- **Deadline:** none set yet',
    `- **Endpoint owner:** ${mention(n.version.contract.owner)}`,
    `- **Replacement:** ${replacement ? `v${replacement.major}` : 'none declared'}`,
  ];
  if (replacement) {
    const changes = await migrationList(set, n.version, replacement);
    lines.push('', `### Migrating from v${n.major} to v${replacement.major}`, '');
    if (changes.length === 0) lines.push('No breaking or dangerous changes: bump the version you call.');
    else lines.push(...changes.map((c) => `- ${c}`));
  }
  lines.push(
    '',
    `_Kept up to date by contractguard. It closes this issue once \`${n.consumer}\` no longer uses v${n.major}._`,
  );
  return withState(lines.join('\n'), state);
}

const REMINDER_TEXT: Record<Reminder, string> = {
  '30': '30 days left',
  '7': '7 days left',
  '1': '1 day left',
  overdue: 'the deadline has passed',
};

// ---- the run ------------------------------------------------------------------------------------------

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
  const wanted = needs(set);
  const issueOf = new Map<string, number>();

  for (const n of wanted) {
    let issue = findByMarker(existing, n.marker);
    const state = issue ? parseDeprecationState(issue.body) : { reminders: [], resolved: false };
    if (issue?.state === 'closed' && !state.resolved) {
      issueOf.set(n.marker, issue.number); // closed by a person: left alone
      continue;
    }
    const date = n.version.contract.deprecation?.date;
    const due = date ? dueReminders(daysLeft(date, opts.now)) : [];
    // A new issue already says how close the deadline is: reminders due now are not posted on top of it.
    const next: DeprecationState = issue
      ? { reminders: state.reminders, resolved: false }
      : { reminders: due, resolved: false };
    const toPost = due.filter((r) => !next.reminders.includes(r)).at(-1);
    if (toPost) next.reminders = [...new Set([...next.reminders, ...due])];
    const body = await issueBody(set, n, opts.now, next);
    const login = assignee(n.owner);
    if (issue?.state === 'closed') {
      issue = await setIssueState(client, repo, issue, 'open', {
        body,
        comment: `\`${n.consumer}\` uses ${n.endpoint} v${n.major} again, so this migration is open again.`,
      });
      result.reopened.push(issue.number);
    }
    const { action, issue: written } = await upsertIssue(client, repo, issue, {
      title: issueTitle(n),
      body,
      labels: [DEPRECATION_LABEL],
      ...(login ? { assignees: [login] } : {}),
    });
    if (action === 'created') result.created.push(written.number);
    if (action === 'updated') result.updated.push(written.number);
    issueOf.set(n.marker, written.number);
    if (toPost) {
      const left = daysLeft(date as string, opts.now);
      await commentOnIssue(
        client,
        repo,
        written.number,
        `${mention(n.owner)} reminder: ${REMINDER_TEXT[toPost]} to move \`${n.consumer}\` off ` +
          `${n.endpoint} v${n.major} (deadline ${date}, ${describeLeft(left)}).`,
      );
      result.reminded.push({ issue: written.number, reminder: toPost });
    }
  }

  // Open issues no longer wanted: the consumer moved to a supported major or was removed.
  const wantedMarkers = new Set(wanted.map((n) => n.marker));
  for (const issue of existing) {
    if (issue.state !== 'open' || !issue.byBot) continue;
    const m = /<!-- contractguard:deprecation endpoint=(\S+) major=(\d+) consumer=(\S+) -->/.exec(issue.body);
    if (!m || wantedMarkers.has(m[0])) continue;
    const [, endpoint, major, consumerName] = m as unknown as [string, string, string, string];
    // A consumer file or endpoint that does not load is not a migration done: wait until it loads again.
    if (unsure(set, endpoint)) continue;
    const consumer = set.consumers.find((c) => c.consumer.name === consumerName)?.consumer;
    const now = consumer?.uses.find((u) => u.endpoint === endpoint)?.version;
    const why = !consumer
      ? `\`${consumerName}\` was removed from the consumers`
      : now === undefined
        ? `\`${consumerName}\` no longer uses ${endpoint}`
        : now === Number(major)
          ? `${endpoint} v${major} is no longer deprecated`
          : `\`${consumerName}\` now uses ${endpoint} v${now}`;
    const state = parseDeprecationState(issue.body);
    await setIssueState(client, repo, issue, 'closed', {
      body: withState(issue.body, { ...state, resolved: true }),
      comment: `${why}: nothing left to migrate, closing.`,
    });
    result.closed.push(issue.number);
  }

  result.dashboard = await syncDashboard(client, repo, set, opts.now, issueOf);
  return result;
}

/** Whether the tree has problems in a consumer file or in `endpoint`'s files. */
function unsure(set: ContractSet, endpoint: string): boolean {
  const prefix = set.root === '' ? '' : `${set.root}/`;
  return set.problems.some(
    (p) => p.file.startsWith(`${prefix}consumers/`) || p.file.startsWith(`${prefix}${endpoint}/`),
  );
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The dashboard's text: one row per endpoint major. */
export function dashboardBody(set: ContractSet, now: Date, issueOf: ReadonlyMap<string, number>): string {
  const lines = [
    DASHBOARD_MARKER,
    '## contractguard: endpoints and their consumers',
    '',
    '| Endpoint | Major | Status | Aliases | Consumers | Deadline | Days left | Migration issues |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const endpoints = [...set.endpoints.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const e of endpoints) {
    for (const v of [...e.versions.values()].sort((a, b) => a.major - b.major)) {
      const aliases = Object.entries(e.endpoint.aliases ?? {})
        .filter(([, major]) => major === v.major)
        .map(([name]) => name)
        .sort();
      const consumers = set.consumers
        .filter((c) => c.consumer.uses.some((u) => u.endpoint === e.name && u.version === v.major))
        .map((c) => c.consumer.name)
        .sort();
      const issues = consumers
        .map((c) => issueOf.get(deprecationMarker(e.name, v.major, c)))
        .filter((n): n is number => n !== undefined)
        .map((n) => `#${n}`);
      const date = v.contract.deprecation?.date;
      lines.push(
        `| ${[
          e.name,
          `v${v.major}`,
          v.contract.status,
          aliases.join(', ') || '—',
          consumers.join(', ') || '—',
          date ?? '—',
          date ? String(daysLeft(date, now)) : '—',
          issues.join(' ') || '—',
        ]
          .map(cell)
          .join(' | ')} |`,
      );
    }
  }
  lines.push('', '_Kept up to date by contractguard on every push to the default branch._');
  return lines.join('\n');
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
  const { action, issue: written } = await upsertIssue(client, repo, issue, {
    title: 'contractguard dashboard: endpoints, consumers and deadlines',
    body: dashboardBody(set, now, issueOf),
    labels: [DASHBOARD_LABEL],
  });
  return { number: written.number, action };
}

// ---- the Probot entry point ---------------------------------------------------------------------------

export async function onPush(context: Context<'push'>, now: () => Date = () => new Date()): Promise<void> {
  const { payload } = context;
  const defaultBranch = payload.repository.default_branch;
  if (payload.deleted || payload.ref !== `refs/heads/${defaultBranch}`) return;
  const client: GitHubClient = context.octokit;
  await runDeprecationSync(client, context.repo(), {
    now: now(),
    sha: payload.after,
    config: await loadConfig(context),
  });
}

/** Subscribes the deprecation tracking to pushes (wire in app.ts: `registerDeprecations(probot);`). */
export function registerDeprecations(app: Probot, now: () => Date = () => new Date()): void {
  app.on('push', (context) => onPush(context, now));
}
