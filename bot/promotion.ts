/**
 * Canary promotions and rollbacks (issue 7): on `check_run.completed` for an endpoint's canary check
 * (`canary.check`, or `canary / <endpoint>` as the Action's canary mode names it), the bot reads the verdict
 * the Action left in the check run's output (`<!-- contractguard:canary -->` and a fenced JSON block) and
 *
 * - `promote`: opens, or updates, one PR per endpoint and alias on the branch
 *   `contractguard/promote-<endpoint>-<alias>`, moving the alias (`canary.promote.alias`) to the candidate
 *   major in endpoint.yaml (`moveAlias`: nothing else in the file changes), with the evidence table and the
 *   consumers still on other majors; labelled `contractguard:promotion`. A promotion PR for an older
 *   candidate is closed with a comment (superseded); a report for an older candidate than the open PR's is
 *   ignored;
 * - `hold`: updates the body of the open promotion PR for that candidate, nothing else;
 * - `rollback`, when the alias on the default branch already points at the candidate: opens (or updates) a PR
 *   on `contractguard/rollback-<endpoint>-<alias>` moving it back to the baseline, listing the failing
 *   criteria and mentioning the endpoint's owner.
 *
 * Security: only a check run created by a trusted app (`canary.trustedApps` in contractguard.yaml, default
 * `github-actions`, compared with `check_run.app.slug`), for a commit of the default branch (its check suite's
 * head branch is the default branch, the head repository is this one, and the head SHA is the branch's tip or
 * an ancestor of it), with a valid report for the endpoint the check is named after, is acted on. Anything
 * else is logged with the reason and nothing is written.
 */
import type { Context, Probot } from 'probot';

import { GitHubApiSource } from '../src/github/api-source.js';
import { CHECK_RUN_NAME } from '../src/github/check-run.js';
import {
  type CanaryCheckResult,
  canaryCheckName,
  readCanaryCheckOutput,
  renderCriteriaTable,
} from '../src/github/canary-check.js';
import { type GitHubClient, httpStatus } from '../src/github/client.js';
import { loadContractSet } from '../src/load/load.js';
import type { ContractSet, LoadedEndpoint } from '../src/model/types.js';
import { moveAlias } from '../src/scaffold/alias.js';
import type { BotConfig } from '../src/github/config.js';
import { loadConfig } from './config.js';

export const PROMOTION_LABEL = 'contractguard:promotion';
const PR_MARKER = '<!-- contractguard:promotion ';

export type PromotionKind = 'promote' | 'rollback';

export function promotionBranch(kind: PromotionKind, endpoint: string, alias: string): string {
  return `contractguard/${kind}-${endpoint}-${alias}`;
}

/** The fields of a `check_run` payload this module reads. */
export interface CanaryCheckPayload {
  check_run: {
    name: string;
    head_sha: string;
    app?: { slug?: string | null } | null;
    check_suite?: { head_branch?: string | null; head_repository?: { full_name?: string } | null } | null;
    pull_requests?: { head?: { repo?: { full_name?: string } | null } }[];
    output?: { summary?: string | null; text?: string | null } | null;
  };
  repository: { name: string; full_name: string; owner: { login: string }; default_branch: string };
}

export interface PromotionLog {
  info(message: string): void;
  warn(message: string): void;
}

/** What was done, one line (also logged). */
export type PromotionOutcome = { acted: boolean; reason: string; pullNumber?: number };

export function registerPromotion(app: Probot): void {
  app.on('check_run.completed', async (context: Context<'check_run.completed'>) => {
    const client: GitHubClient = context.octokit as unknown as GitHubClient;
    const config = await loadConfig(context);
    await onCanaryCheck(client, context.payload as unknown as CanaryCheckPayload, config, {
      info: (m) => context.log.info(m),
      warn: (m) => context.log.warn(m),
    });
  });
}

export async function onCanaryCheck(
  client: GitHubClient,
  payload: CanaryCheckPayload,
  config: Pick<BotConfig, 'root' | 'maxBytes'>,
  log: PromotionLog,
): Promise<PromotionOutcome> {
  const run = payload.check_run;
  const repository = payload.repository;
  const owner = repository.owner.login;
  const repo = repository.name;
  const ignore = (reason: string): PromotionOutcome => {
    log.info(`canary check ${JSON.stringify(run.name)} on ${run.head_sha.slice(0, 7)}: ignored: ${reason}`);
    return { acted: false, reason };
  };
  // Cheap refusals first: nothing is read for a check that is not a canary check of the default branch.
  const named = /^canary \/ (.+)$/.exec(run.name)?.[1];
  if (run.name === CHECK_RUN_NAME) return ignore('it is the contract check, not a canary check');
  const branch = repository.default_branch;
  if (run.check_suite?.head_branch !== branch) {
    return ignore(
      `its commit is not on the default branch ${branch} (head branch ${run.check_suite?.head_branch ?? 'unknown'})`,
    );
  }
  const headRepo = run.check_suite?.head_repository?.full_name;
  const forked =
    (headRepo !== undefined && headRepo !== repository.full_name) ||
    (run.pull_requests ?? []).some(
      (p) => p.head?.repo?.full_name !== undefined && p.head.repo.full_name !== repository.full_name,
    );
  if (forked) return ignore('it ran for a commit from another repository (a fork)');

  const tip = (await client.rest.repos.getBranch({ owner, repo, branch })).data.commit.sha;
  const set = await loadContractSet(
    new GitHubApiSource(client, {
      owner,
      repo,
      sha: tip,
      root: config.root,
      label: `${branch} (${tip.slice(0, 7)})`,
    }),
    { root: config.root, maxBytes: config.maxBytes },
  );
  const endpoint = [...set.endpoints.values()].find(
    (e) =>
      e.endpoint.canary !== undefined &&
      (e.endpoint.canary.check === run.name || canaryCheckName(e.name) === run.name),
  );
  if (endpoint === undefined) {
    return ignore(
      named === undefined
        ? 'no endpoint has a canary check of this name'
        : `no endpoint ${named} with a canary: policy`,
    );
  }
  const slug = run.app?.slug ?? '';
  const trusted = set.policy.canary.trustedApps;
  if (!trusted.includes(slug)) {
    return ignore(
      `it was created by the app ${JSON.stringify(slug)}, not a trusted one (${trusted.join(', ')})`,
    );
  }
  if (run.head_sha !== tip) {
    let status: string | undefined;
    try {
      status = (await client.rest.repos.compareCommits({ owner, repo, base: tip, head: run.head_sha })).data
        .status;
    } catch (error) {
      if (httpStatus(error) !== 404) throw error;
    }
    if (status !== 'behind' && status !== 'identical') {
      return ignore(`its commit ${run.head_sha.slice(0, 7)} is not on ${branch} (tip ${tip.slice(0, 7)})`);
    }
  }
  // The Action writes the summary; the text is read too, for a publisher that puts the block there.
  const fromSummary = readCanaryCheckOutput(run.output?.summary);
  const read =
    fromSummary.value === undefined && run.output?.text
      ? readCanaryCheckOutput(run.output.text)
      : fromSummary;
  if (read.value === undefined) return ignore(`invalid canary report: ${read.problem}`);
  const result = read.value;
  if (result.endpoint !== endpoint.name) {
    return ignore(`the report is for ${result.endpoint}, but the check is ${endpoint.name}'s`);
  }
  if (result.candidate === result.baseline)
    return ignore('the candidate and the baseline are the same major');
  const alias = endpoint.endpoint.canary?.promote?.alias;
  if (alias === undefined) return ignore(`${endpoint.file} has no canary.promote.alias`);
  const current = endpoint.endpoint.aliases?.[alias];
  if (current === undefined) return ignore(`${endpoint.file} has no alias ${alias}`);

  const ctx: Ctx = { client, owner, repo, branch, tip, set, endpoint, alias, current, result, log };
  if (result.verdict === 'promote') {
    if (current === result.candidate) return ignore(`alias ${alias} already points at v${result.candidate}`);
    return upsertPull(ctx, 'promote', result.candidate);
  }
  if (result.verdict === 'hold') return updateHold(ctx);
  if (current !== result.candidate) {
    return ignore(
      `rollback, but alias ${alias} points at v${current}, not the candidate v${result.candidate}: nothing to roll back`,
    );
  }
  return upsertPull(ctx, 'rollback', result.baseline);
}

interface Ctx {
  client: GitHubClient;
  owner: string;
  repo: string;
  branch: string;
  tip: string;
  set: ContractSet;
  endpoint: LoadedEndpoint;
  alias: string;
  current: number;
  result: CanaryCheckResult;
  log: PromotionLog;
}

interface Marker {
  kind: PromotionKind;
  endpoint: string;
  alias: string;
  target: number;
}

function marker(m: Marker): string {
  return `${PR_MARKER}${JSON.stringify(m)} -->`;
}

function readMarker(body: string | null | undefined): Marker | undefined {
  const at = body?.indexOf(PR_MARKER) ?? -1;
  if (body === null || body === undefined || at < 0) return undefined;
  const end = body.indexOf(' -->', at);
  try {
    const m = JSON.parse(body.slice(at + PR_MARKER.length, end)) as Partial<Marker>;
    return typeof m.target === 'number' && (m.kind === 'promote' || m.kind === 'rollback')
      ? (m as Marker)
      : undefined;
  } catch {
    return undefined;
  }
}

async function openPull(ctx: Ctx, kind: PromotionKind) {
  const head = promotionBranch(kind, ctx.endpoint.name, ctx.alias);
  const { data } = await ctx.client.rest.pulls.list({
    owner: ctx.owner,
    repo: ctx.repo,
    head: `${ctx.owner}:${head}`,
    state: 'open',
    per_page: 10,
  });
  return { head, pull: data[0] };
}

function renderBody(ctx: Ctx, kind: PromotionKind, target: number): string {
  const { endpoint, alias, result } = ctx;
  const others = ctx.set.consumers.flatMap((c) =>
    c.consumer.uses
      .filter((u) => u.endpoint === endpoint.name && u.version !== target)
      .map((u) => `- \`${c.consumer.name}\` (${c.consumer.owner}) on v${u.version} — \`${c.file}\``),
  );
  const lines =
    kind === 'promote'
      ? [
          `### Promote \`${endpoint.name}\` alias \`${alias}\`: v${ctx.current} → v${target}`,
          '',
          `The canary of v${result.candidate} against v${result.baseline} ${result.verdict === 'promote' ? 'passed every criterion' : `is now **${result.verdict}**`}.`,
        ]
      : [
          `### Roll back \`${endpoint.name}\` alias \`${alias}\`: v${ctx.current} → v${target}`,
          '',
          `${endpoint.endpoint.owner}: the canary of v${result.candidate} (which \`${alias}\` points at) failed:`,
          '',
          ...result.criteria
            .filter((c) => c.outcome === 'fail')
            .map((c) => `- \`${c.name}\`: ${c.explanation}`),
        ];
  return [
    ...lines,
    '',
    `**Verdict: ${result.verdict}**`,
    '',
    renderCriteriaTable(result.criteria),
    '',
    others.length === 0
      ? `No consumer is on a major other than v${target}.`
      : `Consumers still on a major other than v${target}:\n\n${others.join('\n')}`,
    '',
    marker({ kind, endpoint: endpoint.name, alias, target }),
    '',
  ].join('\n');
}

async function upsertPull(ctx: Ctx, kind: PromotionKind, target: number): Promise<PromotionOutcome> {
  const { client, owner, repo, endpoint, alias, log } = ctx;
  const found = await openPull(ctx, kind);
  let pull = found.pull;
  const existing = readMarker(pull?.body);
  if (pull !== undefined && existing !== undefined && existing.target !== target) {
    if (kind === 'promote' && existing.target > target) {
      log.info(
        `canary ${endpoint.name}: v${target} is older than the open promotion PR #${pull.number} (v${existing.target}); ignored`,
      );
      return {
        acted: false,
        reason: `older than the open promotion to v${existing.target}`,
        pullNumber: pull.number,
      };
    }
    await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: pull.number,
      body: `Superseded: the canary of v${ctx.result.candidate} now asks to move \`${alias}\` to v${target}.`,
    });
    await client.rest.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed' });
    pull = undefined;
  }

  // The branch is the default branch's tip plus one commit editing endpoint.yaml. The commit is made with the
  // git data API and the ref moved once, straight to it: never to the tip itself, which would make GitHub
  // consider an open PR merged. A branch already one such commit on top of the tip is left alone.
  const ref = `heads/${found.head}`;
  let branchSha: string | undefined;
  try {
    branchSha = (await client.rest.git.getRef({ owner, repo, ref })).data.object.sha;
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
  const verb = kind === 'promote' ? 'promote' : 'roll back';
  const upToDate =
    pull !== undefined &&
    branchSha !== undefined &&
    (await client.rest.git.getCommit({ owner, repo, commit_sha: branchSha })).data.parents
      .map((p) => p.sha)
      .join() === ctx.tip;
  if (!upToDate) {
    const { data: file } = await client.rest.repos.getContent({
      owner,
      repo,
      path: endpoint.file,
      ref: ctx.tip,
    });
    if (Array.isArray(file) || file.type !== 'file' || !('content' in file)) {
      throw new Error(`${endpoint.file} is not a file on ${ctx.branch}`);
    }
    const edited = moveAlias(Buffer.from(file.content, 'base64').toString('utf8'), alias, target);
    const base = (await client.rest.git.getCommit({ owner, repo, commit_sha: ctx.tip })).data.tree.sha;
    const tree = await client.rest.git.createTree({
      owner,
      repo,
      base_tree: base,
      tree: [{ path: endpoint.file, mode: '100644', type: 'blob', content: edited }],
    });
    const commit = await client.rest.git.createCommit({
      owner,
      repo,
      message: `contractguard: ${verb} ${endpoint.name} ${alias} to v${target}`,
      tree: tree.data.sha,
      parents: [ctx.tip],
    });
    if (branchSha === undefined) {
      await client.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha: commit.data.sha });
    } else {
      await client.rest.git.updateRef({ owner, repo, ref, sha: commit.data.sha, force: true });
    }
  }

  const body = renderBody(ctx, kind, target);
  const title = `contractguard: ${verb} ${endpoint.name} ${alias} to v${target}`;
  if (pull !== undefined) {
    await client.rest.pulls.update({ owner, repo, pull_number: pull.number, title, body });
    log.info(`canary ${endpoint.name}: updated PR #${pull.number} (${kind} ${alias} to v${target})`);
    return { acted: true, reason: `updated #${pull.number}`, pullNumber: pull.number };
  }
  const { data: created } = await client.rest.pulls.create({
    owner,
    repo,
    head: found.head,
    base: ctx.branch,
    title,
    body,
  });
  await client.rest.issues.addLabels({
    owner,
    repo,
    issue_number: created.number,
    labels: [PROMOTION_LABEL],
  });
  log.info(`canary ${endpoint.name}: opened PR #${created.number} (${kind} ${alias} to v${target})`);
  return { acted: true, reason: `opened #${created.number}`, pullNumber: created.number };
}

async function updateHold(ctx: Ctx): Promise<PromotionOutcome> {
  const { pull } = await openPull(ctx, 'promote');
  const existing = readMarker(pull?.body);
  if (pull === undefined || existing === undefined || existing.target !== ctx.result.candidate) {
    ctx.log.info(`canary ${ctx.endpoint.name}: hold, and no open promotion PR for v${ctx.result.candidate}`);
    return { acted: false, reason: 'hold without a promotion PR' };
  }
  await ctx.client.rest.pulls.update({
    owner: ctx.owner,
    repo: ctx.repo,
    pull_number: pull.number,
    body: renderBody(ctx, 'promote', ctx.result.candidate),
  });
  ctx.log.info(`canary ${ctx.endpoint.name}: hold; updated the body of PR #${pull.number}`);
  return { acted: true, reason: `updated #${pull.number} (hold)`, pullNumber: pull.number };
}
