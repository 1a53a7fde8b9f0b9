/**
 * Issues that contractguard keeps up to date instead of opening new ones: each is found by a hidden marker in
 * its body among the repository's issues carrying one label (every page, open and closed), then created,
 * edited (only when its title or body changed), closed or reopened, with a comment when asked.
 */
import type { GitHubClient } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface TrackedIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  /** Opened by an app or bot account (markers are trusted only in those). */
  byBot: boolean;
}

/** Every issue (not PR) with `label`, open and closed, all pages. */
export async function listLabeledIssues(
  client: GitHubClient,
  repo: RepoRef,
  label: string,
): Promise<TrackedIssue[]> {
  const items = await client.paginate(client.rest.issues.listForRepo, {
    ...repo,
    labels: label,
    state: 'all',
    per_page: 100,
  });
  return items
    .filter((i) => i.pull_request === undefined || i.pull_request === null)
    .map((i) => ({
      number: i.number,
      title: i.title,
      body: i.body ?? '',
      state: i.state === 'closed' ? 'closed' : 'open',
      byBot: i.user?.type === 'Bot',
    }));
}

/**
 * The issue a bot opened whose body holds `marker` (the lowest number when several do): a marker pasted into
 * someone else's issue is ignored.
 */
export function findByMarker(issues: readonly TrackedIssue[], marker: string): TrackedIssue | undefined {
  return issues.filter((i) => i.byBot && i.body.includes(marker)).sort((a, b) => a.number - b.number)[0];
}

export interface IssueContent {
  title: string;
  body: string;
  labels: string[];
  assignees?: string[];
}

export type IssueAction = 'created' | 'updated' | 'unchanged';

/** Creates the issue, or edits `existing` when its title or body differ; never changes its state. */
export async function upsertIssue(
  client: GitHubClient,
  repo: RepoRef,
  existing: TrackedIssue | undefined,
  content: IssueContent,
): Promise<{ action: IssueAction; issue: TrackedIssue }> {
  if (existing === undefined) {
    const { data } = await client.rest.issues.create({
      ...repo,
      title: content.title,
      body: content.body,
      labels: content.labels,
      ...(content.assignees && content.assignees.length > 0 ? { assignees: content.assignees } : {}),
    });
    return {
      action: 'created',
      issue: { number: data.number, title: content.title, body: content.body, state: 'open', byBot: true },
    };
  }
  if (existing.title === content.title && existing.body === content.body) {
    return { action: 'unchanged', issue: existing };
  }
  await client.rest.issues.update({
    ...repo,
    issue_number: existing.number,
    title: content.title,
    body: content.body,
  });
  return { action: 'updated', issue: { ...existing, title: content.title, body: content.body } };
}

/** Closes (or reopens) an issue, optionally replacing its body in the same request, then comments. */
export async function setIssueState(
  client: GitHubClient,
  repo: RepoRef,
  issue: TrackedIssue,
  state: 'open' | 'closed',
  opts: { comment?: string; body?: string } = {},
): Promise<TrackedIssue> {
  await client.rest.issues.update({
    ...repo,
    issue_number: issue.number,
    state,
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
  if (opts.comment !== undefined) await commentOnIssue(client, repo, issue.number, opts.comment);
  return { ...issue, state, body: opts.body ?? issue.body };
}

export async function commentOnIssue(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  body: string,
): Promise<void> {
  await client.rest.issues.createComment({ ...repo, issue_number: issueNumber, body });
}
