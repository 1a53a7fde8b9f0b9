/**
 * Canary promotions and rollbacks on `check_run.completed` for an endpoint's canary check (`canary.check`,
 * or `canary / <endpoint>` as the Action's canary mode names it). The measurements the Action left in the
 * check run's output are judged again by `decidePromotion` (src/canary/promotion.ts) against the default
 * branch's `canary:` policy — the check run's own verdict is never acted on — then
 *
 * - promote: one PR per endpoint and alias moves the alias to the candidate, with the evidence; an open
 *   promotion PR for an older candidate is closed as superseded, one for a major that is not a valid target
 *   is closed as invalid (so it never blocks a valid report);
 * - hold: the open promotion PR for that candidate gets the new evidence in its body, nothing else;
 * - rollback, when the alias already points at the candidate: a PR moves it back to the baseline.
 *
 * A report whose verdict the bot overrules, or whose candidate or baseline does not hold up, is explained in
 * a neutral check run `contractguard promotion / <endpoint>` on the same commit; a rejected one changes no PR
 * and no branch.
 *
 * Security: only a check run created by a trusted app (`canary.trustedApps` in contractguard.yaml, default
 * `github-actions`, compared with `check_run.app.slug`), for a commit of the default branch (its check suite's
 * head branch is the default branch, the head repository is this one, and the head SHA is the branch's tip or
 * an ancestor of it), with valid measurements for the endpoint the check is named after, is read. Anything
 * else is logged with the reason and nothing is written.
 */
import { canaryEndpoint, screenOrigin, untrustedApp } from '../canary/promotion-origin.js';
import type { CanaryEvaluation } from '../canary/evaluate.js';
import {
  type CanaryCheckResult,
  type PromotionAction,
  type PromotionDecision,
  type Refusal,
  againstOpenPull,
  consumersElsewhere,
  decidePromotion,
  needsExplaining,
  promotionCheckName,
  validTarget,
} from '../canary/promotion.js';
import { loadContractSet } from '../load/load.js';
import type { ContractSet, LoadedEndpoint } from '../model/types.js';
import {
  discardedComment,
  promotionBody,
  promotionCheckSummary,
  promotionCheckTitle,
  promotionTitle,
  refusalReason,
  supersededComment,
} from '../report/promotion.js';
import { GitHubApiSource } from './api-source.js';
import { readCanaryCheckOutput } from './canary-check.js';
import { CHECK_RUN_NAME, publishCheckRun } from './check-run.js';
import { type GitHubClient, httpStatus } from './client.js';
import type { BotConfig } from './config.js';
import { type AliasMove, closePull, findOpenPull, pushAliasEdit, writePull } from './promotion-prs.js';

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

/** One delivery's facts, once the check run is known to come from a trusted canary of the default branch. */
interface Trusted {
  client: GitHubClient;
  owner: string;
  repo: string;
  branch: string;
  tip: string;
  set: ContractSet;
  endpoint: LoadedEndpoint;
  claim: CanaryCheckResult;
  log: PromotionLog;
}

export async function onCanaryCheck(
  client: GitHubClient,
  payload: CanaryCheckPayload,
  config: Pick<BotConfig, 'root' | 'maxBytes'>,
  log: PromotionLog,
  now: Date = new Date(),
): Promise<PromotionOutcome> {
  const run = payload.check_run;
  const repository = payload.repository;
  const owner = repository.owner.login;
  const repo = repository.name;
  const branch = repository.default_branch;
  const ignore = (refusal: Refusal): PromotionOutcome => {
    const reason = refusalReason(refusal);
    log.info(`canary check ${JSON.stringify(run.name)} on ${run.head_sha.slice(0, 7)}: ignored: ${reason}`);
    return { acted: false, reason };
  };
  // Cheap refusals first: nothing is read for a check that is not a canary check of the default branch.
  if (run.name === CHECK_RUN_NAME) return ignore({ kind: 'contract-check' });
  const headRepos = [
    run.check_suite?.head_repository?.full_name,
    ...(run.pull_requests ?? []).map((p) => p.head?.repo?.full_name),
  ].filter((r): r is string => r !== undefined);
  const screened = screenOrigin(
    { headBranch: run.check_suite?.head_branch ?? undefined, headRepos },
    { fullName: repository.full_name, defaultBranch: branch },
  );
  if (screened) return ignore(screened);

  const tip = (await client.rest.repos.getBranch({ owner, repo, branch })).data.commit.sha;
  const label = `${branch} (${tip.slice(0, 7)})`;
  const set = await loadContractSet(
    new GitHubApiSource(client, { owner, repo, sha: tip, root: config.root, label }),
    { root: config.root, maxBytes: config.maxBytes },
  );
  const endpoint = canaryEndpoint(set, run.name);
  if ('kind' in endpoint) return ignore(endpoint);
  const untrusted = untrustedApp(set, run.app?.slug ?? '');
  if (untrusted) return ignore(untrusted);
  if (run.head_sha !== tip && !(await isAncestor(client, owner, repo, run.head_sha, tip))) {
    return ignore({ kind: 'not-on-branch', sha: run.head_sha, branch, tip });
  }
  // The Action writes the summary; the text is read too, for a publisher that puts the block there.
  const fromSummary = readCanaryCheckOutput(run.output?.summary);
  const read =
    fromSummary.value === undefined && run.output?.text
      ? readCanaryCheckOutput(run.output.text)
      : fromSummary;
  if (read.value === undefined) return ignore({ kind: 'invalid-report', problem: read.problem });

  const ctx: Trusted = { client, owner, repo, branch, tip, set, endpoint, claim: read.value, log };
  const decision = decidePromotion(endpoint, read.value, now);
  if (decision.overruled !== undefined) {
    log.warn(
      `canary ${endpoint.name}: the check run says ${decision.overruled}, its measurements say ` +
        `${decision.evaluation?.verdict}: acting on the measurements`,
    );
  }
  const outcome =
    'refusal' in decision
      ? ignore(decision.refusal)
      : await carryOut(ctx, decision.step, decision.evaluation);
  if (needsExplaining(decision)) await explain(ctx, run.head_sha, decision, outcome);
  return outcome;
}

/** Compare says `behind` (or `identical`) when `sha` is an ancestor of `tip`. */
async function isAncestor(client: GitHubClient, owner: string, repo: string, sha: string, tip: string) {
  try {
    const { data } = await client.rest.repos.compareCommits({ owner, repo, base: tip, head: sha });
    return data.status === 'behind' || data.status === 'identical';
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
    return false;
  }
}

/** Opens, updates or refreshes the PR the decision asks for. */
async function carryOut(
  ctx: Trusted,
  step: PromotionAction,
  evaluation: CanaryEvaluation,
): Promise<PromotionOutcome> {
  const { client, endpoint, log } = ctx;
  const hold = step.action === 'hold';
  const move: AliasMove = {
    owner: ctx.owner,
    repo: ctx.repo,
    branch: ctx.branch,
    tip: ctx.tip,
    kind: hold ? 'promote' : step.kind,
    endpoint: endpoint.name,
    file: endpoint.file,
    alias: step.alias,
    target: hold ? step.candidate : step.target,
  };
  const body = () =>
    promotionBody({
      kind: move.kind,
      endpoint: endpoint.name,
      endpointOwner: endpoint.endpoint.owner,
      alias: move.alias,
      current: step.current,
      target: move.target,
      candidate: ctx.claim.report.candidate.major,
      baseline: ctx.claim.report.baseline.major,
      evaluation,
      branch: ctx.branch,
      others: consumersElsewhere(ctx.set, endpoint.name, move.target),
    });
  const open = await findOpenPull(client, move);
  if (hold) {
    if (open === undefined || open.target !== step.candidate) {
      const reason = refusalReason({ kind: 'hold-without-pull', candidate: step.candidate });
      log.info(`canary ${endpoint.name}: ${reason}`);
      return { acted: false, reason };
    }
    await writePull(client, move, open.number, { body: body() });
    log.info(`canary ${endpoint.name}: hold; updated the body of PR #${open.number}`);
    return { acted: true, reason: `updated #${open.number} (hold)`, pullNumber: open.number };
  }

  let pull = open?.number;
  const against = againstOpenPull(
    move.kind,
    move.target,
    open?.target === undefined
      ? undefined
      : {
          target: open.target,
          pull: open.number,
          valid: validTarget(endpoint, move.kind, move.alias, open.target),
        },
  );
  if (typeof against === 'object') {
    const reason = refusalReason(against);
    log.info(`canary ${endpoint.name}: v${move.target}: ignored: ${reason}`);
    return { acted: false, reason, pullNumber: against.pull };
  }
  if (against !== 'update' && pull !== undefined && open?.target !== undefined) {
    const comment =
      against === 'discard'
        ? discardedComment(open.target, move.alias, move.target)
        : supersededComment(ctx.claim.report.candidate.major, move.alias, move.target);
    await closePull(client, move, pull, comment);
    pull = undefined;
  }
  const title = promotionTitle(move.kind, move.endpoint, move.alias, move.target);
  await pushAliasEdit(client, move, pull !== undefined, title);
  const written = await writePull(client, move, pull, { title, body: body() });
  const did = written.opened ? 'opened' : 'updated';
  log.info(
    `canary ${endpoint.name}: ${did} PR #${written.number} (${move.kind} ${move.alias} to v${move.target})`,
  );
  return { acted: true, reason: `${did} #${written.number}`, pullNumber: written.number };
}

/** The neutral check run that tells the publisher its report was overruled or rejected, and why. */
async function explain(
  ctx: Trusted,
  headSha: string,
  decision: PromotionDecision,
  outcome: PromotionOutcome,
) {
  const input = {
    endpoint: ctx.endpoint.name,
    candidate: ctx.claim.report.candidate.major,
    baseline: ctx.claim.report.baseline.major,
    branch: ctx.branch,
    outcome: outcome.reason,
    acted: outcome.acted,
    ...(decision.overruled === undefined ? {} : { overruled: decision.overruled }),
    ...(decision.evaluation === undefined ? {} : { evaluation: decision.evaluation }),
  };
  await publishCheckRun(ctx.client, {
    owner: ctx.owner,
    repo: ctx.repo,
    headSha,
    name: promotionCheckName(ctx.endpoint.name),
    conclusion: 'neutral',
    title: promotionCheckTitle(input),
    summary: promotionCheckSummary(input),
  });
}
