/**
 * The webhook handlers: a delivery in, the PR check on GitHub (src/github/pull-request.ts) out. A PR event
 * re-checks the PR (applying the approve label brings its sender as approver); an approve command brings its
 * sender, and is recorded by the same check or answered with a reply. `key` seals the approval ledger;
 * `lock` runs the checks of one PR one at a time (src/github/pull-request-lock.ts).
 */
import type { Context } from 'probot';
import { parseApproveCommand } from '../src/check/approve-command.js';
import { CHECK_RUN_NAME } from '../src/github/check-run.js';
import type { GitHubClient } from '../src/github/client.js';
import { guarded } from '../src/github/guarded.js';
import type { Lock } from '../src/github/keyed-mutex.js';
import { checkOnGitHub, pullRequestRef } from '../src/github/pull-request.js';
import { pullRequestKey } from '../src/github/pull-request-lock.js';
import { loadConfig } from './config.js';

/** Whether a `pull_request` delivery calls for a check (for `edited`: only a new base; labels: only ours). */
export function wantsCheck(action: string, event: unknown, approveLabel: string): boolean {
  const payload = (event ?? {}) as { changes?: { base?: unknown }; label?: { name?: string } };
  if (action === 'edited') return payload.changes?.base !== undefined;
  if (action === 'labeled' || action === 'unlabeled') {
    return payload.label?.name?.toLowerCase() === approveLabel.toLowerCase();
  }
  return action === 'opened' || action === 'synchronize' || action === 'reopened';
}

export interface HandlerDeps {
  key?: string;
  lock: Lock;
}

export async function onPullRequest(context: Context<'pull_request'>, deps: HandlerDeps): Promise<void> {
  const { payload } = context;
  if (payload.pull_request.state !== 'open') return;
  // Only a label event needs the config to decide (the approve label is configurable); a title edit does not.
  const labelEvent = payload.action === 'labeled' || payload.action === 'unlabeled';
  if (!labelEvent && !wantsCheck(payload.action, payload, '')) return;
  const { owner, repo } = context.repo();
  const client: GitHubClient = context.octokit;
  const pr = pullRequestRef(owner, repo, payload.pull_request);
  await deps.lock.withLock(pullRequestKey(pr), () =>
    guarded(client, pr, context.log, async () => {
      const config = await loadConfig(context);
      if (labelEvent && !wantsCheck(payload.action, payload, config.approveLabel)) return;
      const event =
        payload.action === 'labeled'
          ? { labeledBy: payload.sender.login }
          : { unlabeled: payload.action === 'unlabeled' };
      await checkOnGitHub(client, pr, config, context.log, deps.key, event);
    }),
  );
}

/** "Re-run" on the `contractguard` check run: checks again each open PR whose head is that commit. */
export async function onCheckRunRerequested(
  context: Context<'check_run.rerequested'>,
  deps: HandlerDeps,
): Promise<void> {
  const run = context.payload.check_run;
  if (run.name !== CHECK_RUN_NAME) return;
  const { owner, repo } = context.repo();
  const client: GitHubClient = context.octokit;
  for (const { number } of run.pull_requests) {
    await deps.lock.withLock(pullRequestKey({ owner, repo, number }), async () => {
      const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
      if (data.state !== 'open' || data.head.sha !== run.head_sha) return;
      const pr = pullRequestRef(owner, repo, data);
      await guarded(client, pr, context.log, async () => {
        await checkOnGitHub(client, pr, await loadConfig(context), context.log, deps.key);
      });
    });
  }
}

export async function onIssueComment(
  context: Context<'issue_comment.created'>,
  deps: HandlerDeps,
): Promise<void> {
  const { payload } = context;
  if (!payload.issue.pull_request || payload.issue.state !== 'open') return;
  if (payload.comment.user?.type === 'Bot') return;
  const parsed = parseApproveCommand(payload.comment.body ?? '');
  if (parsed === undefined) return;
  // The approver is the event's own sender: the one GitHub vouches for in this signed delivery.
  const user = payload.sender.login;
  const client: GitHubClient = context.octokit;
  const reply = (text: string) =>
    client.rest.issues.createComment(context.issue({ body: `@${user} ${text}` })).then(() => undefined);
  if (parsed.kind === 'invalid') return reply(parsed.message);

  const { owner, repo } = context.repo();
  const number = payload.issue.number;
  // The PR is read once the lock is held: a check that ran meanwhile may have seen a newer head.
  await deps.lock.withLock(pullRequestKey({ owner, repo, number }), async () => {
    const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
    const pr = pullRequestRef(owner, repo, data);
    await guarded(client, pr, context.log, async () => {
      const config = await loadConfig(context);
      const command = { ...parsed.command, by: user };
      const outcome = await checkOnGitHub(client, pr, config, context.log, deps.key, { command });
      const text =
        outcome.kind === 'published' || outcome.kind === 'not-recorded' ? outcome.reply : undefined;
      if (text !== undefined) await reply(text);
    });
  });
}
