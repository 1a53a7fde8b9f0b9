/**
 * The promotion decision (issues 7 and 11): from a canary check run of the default branch, whether to move an
 * endpoint's promotion alias to the candidate (promote), move it back to the baseline (rollback), refresh the
 * evidence of an open promotion (hold), or do nothing and say why.
 *
 * The verdict is never taken from the check run: its measurements are judged again, by `evaluateCanary`,
 * against the endpoint's `canary:` policy of the default branch (what `contractguard canary evaluate` does).
 * The candidate must be a major of the endpoint there, active, and not what the alias already points at.
 *
 * Plain data in, a decision out; the GitHub side is src/github/canary-promotion.ts, the words
 * src/report/promotion.ts.
 */
import type { ContractSet, LoadedEndpoint } from '../model/types.js';
import {
  type CanaryCriterion,
  type CanaryEvaluation,
  type CanaryVerdict,
  evaluateCanary,
} from './evaluate.js';
import type { CanaryReport } from './report.js';

export type PromotionKind = 'promote' | 'rollback';

/** The name of the check run for an endpoint's canary. */
export function canaryCheckName(endpoint: string): string {
  return `canary / ${endpoint}`;
}

/** The name of the check run in which the bot explains a canary report it overruled or rejected. */
export function promotionCheckName(endpoint: string): string {
  return `contractguard promotion / ${endpoint}`;
}

/** What a canary check run carries for the bot (the JSON block of its summary). */
export interface CanaryCheckResult {
  /** The publisher's verdict and criteria: shown, never acted on. */
  verdict: CanaryVerdict;
  criteria: CanaryCriterion[];
  endpoint: string;
  baseline: number;
  candidate: number;
  /** The measurements: what the bot judges. */
  report: CanaryReport;
}

/** Why a check run changes nothing. Each kind is one sentence in src/report/promotion.ts. */
export type Refusal =
  | { kind: 'contract-check' }
  | { kind: 'not-default-branch'; branch: string; headBranch: string | undefined }
  | { kind: 'fork' }
  | { kind: 'no-canary-endpoint'; named: string | undefined }
  | { kind: 'untrusted-app'; app: string; trusted: readonly string[] }
  | { kind: 'not-on-branch'; sha: string; branch: string; tip: string }
  | { kind: 'invalid-report'; problem: string }
  | { kind: 'inconsistent-report' }
  | { kind: 'other-endpoint'; reported: string; endpoint: string }
  | { kind: 'same-major' }
  | { kind: 'no-promote-alias'; file: string }
  | { kind: 'no-alias'; file: string; alias: string }
  | { kind: 'unknown-major'; role: 'candidate' | 'baseline'; endpoint: string; major: number }
  | { kind: 'inactive-candidate'; endpoint: string; major: number; status: string }
  | { kind: 'retired-baseline'; endpoint: string; major: number }
  | { kind: 'already-promoted'; alias: string; candidate: number }
  | { kind: 'nothing-to-roll-back'; alias: string; current: number; candidate: number }
  | { kind: 'older-than-open'; target: number; pull: number }
  | { kind: 'hold-without-pull'; candidate: number };

/**
 * Refusals of a report from a trusted publisher whose content does not hold up: the bot explains them in a
 * check run, not only in its log.
 */
const REJECTIONS = new Set<Refusal['kind']>(['unknown-major', 'inactive-candidate', 'retired-baseline']);

/** Open a PR moving the alias to `target`, or refresh the open promotion to `candidate`. */
export type PromotionAction =
  | { action: 'pull'; kind: PromotionKind; alias: string; current: number; target: number }
  | { action: 'hold'; alias: string; current: number; candidate: number };

export type PromotionDecision = (
  | {
      step: PromotionAction;
      /** The bot's own judgement of the measurements, which the action follows. */
      evaluation: CanaryEvaluation;
    }
  | {
      refusal: Refusal;
      /** Absent when refused before judging. */
      evaluation?: CanaryEvaluation;
    }
) & {
  /** The publisher's verdict, when it differs from the bot's. */
  overruled?: CanaryVerdict;
};

/** Whether the bot owes the publisher an explanation (a verdict overruled, or a report rejected). */
export function needsExplaining(d: PromotionDecision): boolean {
  return d.overruled !== undefined || ('refusal' in d && REJECTIONS.has(d.refusal.kind));
}

function refuse(
  refusal: Refusal,
  evaluation?: CanaryEvaluation,
  overruled?: CanaryVerdict,
): PromotionDecision {
  return {
    refusal,
    ...(evaluation === undefined ? {} : { evaluation }),
    ...(overruled === undefined ? {} : { overruled }),
  };
}

/** What a canary result for `endpoint` asks of its promotion alias, judged at `now`. */
export function decidePromotion(
  endpoint: LoadedEndpoint,
  claim: CanaryCheckResult,
  now: Date,
): PromotionDecision {
  const { report } = claim;
  const baseline = report.baseline.major;
  const candidate = report.candidate.major;
  if (claim.endpoint !== report.endpoint || claim.baseline !== baseline || claim.candidate !== candidate) {
    return refuse({ kind: 'inconsistent-report' });
  }
  if (report.endpoint !== endpoint.name) {
    return refuse({ kind: 'other-endpoint', reported: report.endpoint, endpoint: endpoint.name });
  }
  if (candidate === baseline) return refuse({ kind: 'same-major' });
  const policy = endpoint.endpoint.canary;
  if (policy === undefined) return refuse({ kind: 'no-canary-endpoint', named: endpoint.name });
  const alias = policy.promote?.alias;
  if (alias === undefined) return refuse({ kind: 'no-promote-alias', file: endpoint.file });
  const current = endpoint.endpoint.aliases?.[alias];
  if (current === undefined) return refuse({ kind: 'no-alias', file: endpoint.file, alias });
  const candidateVersion = endpoint.versions.get(candidate);
  if (candidateVersion === undefined) {
    return refuse({ kind: 'unknown-major', role: 'candidate', endpoint: endpoint.name, major: candidate });
  }
  const baselineVersion = endpoint.versions.get(baseline);
  if (baselineVersion === undefined) {
    return refuse({ kind: 'unknown-major', role: 'baseline', endpoint: endpoint.name, major: baseline });
  }

  const evaluation = evaluateCanary(report, policy, { now });
  const overruled = claim.verdict === evaluation.verdict ? undefined : claim.verdict;
  const decided = (step: PromotionAction): PromotionDecision => ({
    step,
    evaluation,
    ...(overruled === undefined ? {} : { overruled }),
  });
  if (evaluation.verdict === 'rollback') {
    if (current !== candidate) {
      return refuse({ kind: 'nothing-to-roll-back', alias, current, candidate }, evaluation, overruled);
    }
    if (baselineVersion.contract.status === 'retired') {
      return refuse(
        { kind: 'retired-baseline', endpoint: endpoint.name, major: baseline },
        evaluation,
        overruled,
      );
    }
    return decided({ action: 'pull', kind: 'rollback', alias, current, target: baseline });
  }
  const { status } = candidateVersion.contract;
  if (status !== 'active') {
    return refuse(
      { kind: 'inactive-candidate', endpoint: endpoint.name, major: candidate, status },
      evaluation,
      overruled,
    );
  }
  if (current === candidate)
    return refuse({ kind: 'already-promoted', alias, candidate }, evaluation, overruled);
  if (evaluation.verdict === 'hold') return decided({ action: 'hold', alias, current, candidate });
  return decided({ action: 'pull', kind: 'promote', alias, current, target: candidate });
}

/**
 * Whether an open PR may keep moving `alias` to `major`: a promotion only to an active major the alias does
 * not point at yet, a rollback only to a major that is not retired. An open PR that fails this (opened before
 * the bot checked, or by hand) never blocks a valid report.
 */
export function validTarget(endpoint: LoadedEndpoint, kind: PromotionKind, alias: string, major: number) {
  const status = endpoint.versions.get(major)?.contract.status;
  if (status === undefined) return false;
  if (kind === 'rollback') return status !== 'retired';
  return status === 'active' && endpoint.endpoint.aliases?.[alias] !== major;
}

/**
 * What to do with the open PR of the same kind, alias and endpoint: update it when it moves the alias to the
 * same major; close an invalid one (`discard`) or one for another major (`supersede`) and open anew — except
 * that a promotion to an older major than a valid open one is refused.
 */
export function againstOpenPull(
  kind: PromotionKind,
  target: number,
  open: { target: number; pull: number; valid: boolean } | undefined,
): 'update' | 'supersede' | 'discard' | Extract<Refusal, { kind: 'older-than-open' }> {
  if (open === undefined || open.target === target) return 'update';
  if (!open.valid) return 'discard';
  if (kind === 'promote' && open.target > target) {
    return { kind: 'older-than-open', target: open.target, pull: open.pull };
  }
  return 'supersede';
}

/** A consumer still on another major than the alias's new target: the PR lists them for its reviewers. */
export interface ConsumerElsewhere {
  name: string;
  owner: string;
  major: number;
  file: string;
}

export function consumersElsewhere(set: ContractSet, endpoint: string, target: number): ConsumerElsewhere[] {
  return set.consumers.flatMap((c) =>
    c.consumer.uses
      .filter((u) => u.endpoint === endpoint && u.version !== target)
      .map((u) => ({ name: c.consumer.name, owner: c.consumer.owner, major: u.version, file: c.file })),
  );
}
