/**
 * The webhook handlers: thin adapters from a delivery to the pipeline (pipeline.ts). A PR event re-checks
 * the PR; an approve command checks who wrote it, records the approval in the sticky comment's state and
 * re-checks, or replies saying who may approve.
 */
import type { Context } from 'probot';
import { checkApprover, whoMayApprove } from '../src/github/approver.js';
import { CHECK_RUN_NAME } from '../src/github/check-run.js';
import type { GitHubClient } from '../src/github/client.js';
import { loadConfig } from './config.js';
import { parseApproveCommand } from './command.js';
import {
  type PullRequestRef,
  approvableFingerprints,
  finish,
  guarded,
  prepare,
  pullRequestRef,
} from './pipeline.js';
import { withApproval } from './state.js';

/** Whether a `pull_request` delivery calls for a check (for `edited`: only a new base; labels: only ours). */
export function wantsCheck(action: string, event: unknown, approveLabel: string): boolean {
  const payload = (event ?? {}) as { changes?: { base?: unknown }; label?: { name?: string } };
  if (action === 'edited') return payload.changes?.base !== undefined;
  if (action === 'labeled' || action === 'unlabeled') {
    return payload.label?.name?.toLowerCase() === approveLabel.toLowerCase();
  }
  return action === 'opened' || action === 'synchronize' || action === 'reopened';
}

export async function onPullRequest(context: Context<'pull_request'>): Promise<void> {
  const { payload } = context;
  if (payload.pull_request.state !== 'open') return;
  // Only a label event needs the config to decide (the approve label is configurable); a title edit does not.
  const labelEvent = payload.action === 'labeled' || payload.action === 'unlabeled';
  if (!labelEvent && !wantsCheck(payload.action, payload, '')) return;
  const { owner, repo } = context.repo();
  const client: GitHubClient = context.octokit;
  const pr = pullRequestRef(owner, repo, payload.pull_request);
  await guarded(client, pr, context.log, async () => {
    const config = await loadConfig(context);
    if (labelEvent && !wantsCheck(payload.action, payload, config.approveLabel)) return;
    const prepared = await prepare(client, pr, config);
    await finish(prepared, prepared.state, context.log);
  });
}

/** "Re-run" on the `contractguard` check run: checks again each open PR whose head is that commit. */
export async function onCheckRunRerequested(context: Context<'check_run.rerequested'>): Promise<void> {
  const run = context.payload.check_run;
  if (run.name !== CHECK_RUN_NAME) return;
  const { owner, repo } = context.repo();
  const client: GitHubClient = context.octokit;
  for (const { number } of run.pull_requests) {
    const { data } = await client.rest.pulls.get({ owner, repo, pull_number: number });
    if (data.state !== 'open' || data.head.sha !== run.head_sha) continue;
    const pr = pullRequestRef(owner, repo, data);
    await guarded(client, pr, context.log, async () => {
      const prepared = await prepare(client, pr, await loadConfig(context));
      await finish(prepared, prepared.state, context.log);
    });
  }
}

export async function onIssueComment(context: Context<'issue_comment.created'>): Promise<void> {
  const { payload } = context;
  if (!payload.issue.pull_request || payload.issue.state !== 'open') return;
  if (payload.comment.user?.type === 'Bot') return;
  const parsed = parseApproveCommand(payload.comment.body ?? '');
  if (parsed === undefined) return;
  const user = payload.comment.user?.login ?? payload.sender.login;
  const client: GitHubClient = context.octokit;
  const reply = (text: string) =>
    client.rest.issues.createComment(context.issue({ body: `@${user} ${text}` })).then(() => undefined);
  if (parsed.kind === 'invalid') return reply(parsed.message);

  const { owner, repo } = context.repo();
  const { data } = await client.rest.pulls.get({ owner, repo, pull_number: payload.issue.number });
  const pr: PullRequestRef = pullRequestRef(owner, repo, data);
  await guarded(client, pr, context.log, async () => {
    const config = await loadConfig(context);
    const prepared = await prepare(client, pr, config);
    const { fingerprint, reason } = parsed.command;
    const fingerprints = approvableFingerprints(prepared.report);
    const known = [...fingerprints.keys()];
    if (known.length === 0)
      return reply(`there is nothing to approve in this PR at ${pr.headSha.slice(0, 7)}.`);
    if (fingerprint !== 'all' && !fingerprints.has(fingerprint)) {
      return reply(
        `\`${fingerprint}\` is not one of the changes that need approval here (${known.map((k) => `\`${k}\``).join(', ')}).`,
      );
    }
    const endpoints =
      fingerprint === 'all'
        ? prepared.needsApproval
        : prepared.needsApproval.filter((e) => e.name === fingerprints.get(fingerprint));
    const approvers = prepared.base.policy.approvers;
    const verdict = await checkApprover(client, { owner, repo, user, endpoints, approvers });
    if (!verdict.allowed) {
      return reply(
        `your approval does not count: you are ${verdict.why.join('; ')}. ` +
          `Breaking changes here can be approved by ${whoMayApprove({ repoName: `${owner}/${repo}`, endpoints, approvers })}.`,
      );
    }
    context.log.info(`approval of ${fingerprint} on #${pr.number} by ${user} as ${verdict.as}`);
    const state = withApproval(prepared.state, {
      fingerprint,
      by: user,
      ...(reason ? { reason } : {}),
      at: new Date().toISOString(),
      via: 'command',
    });
    await finish(prepared, state, context.log);
  });
}
