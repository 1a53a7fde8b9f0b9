/**
 * The words of canary promotions, for the owners who merge them: PR titles and bodies (what moves, the
 * evidence, who is still on another major), the superseded note, and one sentence per refusal — logged, and
 * shown where the bot reports a rejected canary report.
 */
import type { CanaryCriterion, CanaryEvaluation, CanaryVerdict } from '../canary/evaluate.js';
import type { ConsumerElsewhere, PromotionKind, Refusal } from '../canary/promotion.js';
import { renderCriteriaTable } from './canary.js';
import { code, prose, text } from './markdown-text.js';

const VERB: Record<PromotionKind, string> = { promote: 'promote', rollback: 'roll back' };

/** The PR title, also the commit message of the alias edit. */
export function promotionTitle(kind: PromotionKind, endpoint: string, alias: string, target: number): string {
  return `contractguard: ${VERB[kind]} ${endpoint} ${alias} to v${target}`;
}

export interface PromotionBodyInput {
  kind: PromotionKind;
  endpoint: string;
  endpointOwner: string;
  alias: string;
  current: number;
  target: number;
  candidate: number;
  baseline: number;
  /** The bot's own judgement of the canary's measurements. */
  evaluation: CanaryEvaluation;
  /** The default branch, whose `canary:` policy judged them. */
  branch: string;
  others: readonly ConsumerElsewhere[];
}

/** The PR body: what moves and why, the criteria table, and the consumers still on other majors. */
export function promotionBody(p: PromotionBodyInput): string {
  const { evaluation } = p;
  const endpoint = code(p.endpoint, false);
  const alias = code(p.alias, false);
  const failing = (c: CanaryCriterion) => `- ${code(c.name, false)}: ${prose(c.explanation, false)}`;
  const lines =
    p.kind === 'promote'
      ? [
          `### Promote ${endpoint} alias ${alias}: v${p.current} → v${p.target}`,
          '',
          `The canary of v${p.candidate} against v${p.baseline} ${evaluation.verdict === 'promote' ? 'passed every criterion' : `is now **${evaluation.verdict}**`}.`,
        ]
      : [
          `### Roll back ${endpoint} alias ${alias}: v${p.current} → v${p.target}`,
          '',
          `${text(p.endpointOwner)}: the canary of v${p.candidate} (which ${alias} points at) failed:`,
          '',
          ...evaluation.criteria.filter((c) => c.outcome === 'fail').map(failing),
        ];
  const others = p.others.map(
    (c) => `- ${code(c.name, false)} (${text(c.owner)}) on v${c.major} — ${code(c.file, false)}`,
  );
  return [
    ...lines,
    '',
    `**Verdict: ${evaluation.verdict}**`,
    '',
    renderCriteriaTable(evaluation.criteria),
    '',
    judgedBy(p.branch),
    '',
    others.length === 0
      ? `No consumer is on a major other than v${p.target}.`
      : `Consumers still on a major other than v${p.target}:\n\n${others.join('\n')}`,
  ].join('\n');
}

/** Whose verdict it is: the bot's, from the measurements, never the publisher's verdict line. */
function judgedBy(branch: string): string {
  return `_contractguard judged the canary's measurements itself, against the \`canary:\` policy on ${code(branch, false)}._`;
}

/** The comment closing a promotion PR that a newer canary replaces. */
export function supersededComment(candidate: number, alias: string, target: number): string {
  return `Superseded: the canary of v${candidate} now asks to move ${code(alias, false)} to v${target}.`;
}

/** The comment closing an open PR whose target is not (or no longer) one the alias may move to. */
export function discardedComment(open: number, alias: string, target: number): string {
  return (
    `Closed: v${open} is not a major ${code(alias, false)} may move to on the default branch (it does not ` +
    `exist, is not active, or is already the target). A valid canary now asks to move it to v${target}.`
  );
}

export interface PromotionCheckInput {
  endpoint: string;
  candidate: number;
  baseline: number;
  branch: string;
  /** The publisher's verdict, when the bot's differs. */
  overruled?: CanaryVerdict;
  evaluation?: CanaryEvaluation;
  /** What the bot did, one sentence (`refusalReason`, or "opened #12"). */
  outcome: string;
  /** Whether it changed a PR or branch. */
  acted: boolean;
}

/** The title of the check run explaining an overruled or rejected canary report. */
export function promotionCheckTitle(p: PromotionCheckInput): string {
  const what = `${p.endpoint} v${p.candidate}`;
  if (!p.acted) return `${what}: report not acted on`;
  return `${what}: ${p.evaluation?.verdict ?? 'judged'} (contractguard's own verdict)`;
}

/** Its summary: what the report claimed, what the measurements say, and what was (not) done. */
export function promotionCheckSummary(p: PromotionCheckInput): string {
  const lines = [
    `### contractguard promotion: ${code(p.endpoint, false)} v${p.candidate} against v${p.baseline}`,
    '',
  ];
  if (p.overruled !== undefined && p.evaluation !== undefined) {
    lines.push(
      `The canary check run says **${p.overruled}**, but its measurements, judged against the \`canary:\` ` +
        `policy on ${code(p.branch, false)}, say **${p.evaluation.verdict}**. contractguard acts on its own ` +
        'verdict only.',
      '',
    );
  }
  lines.push(`${p.acted ? 'Done' : 'Nothing was changed'}: ${prose(p.outcome, false)}.`);
  if (p.evaluation !== undefined) lines.push('', renderCriteriaTable(p.evaluation.criteria));
  return `${lines.join('\n')}\n`;
}

/** One sentence saying why a canary check run changed nothing. */
export function refusalReason(r: Refusal): string {
  switch (r.kind) {
    case 'contract-check':
      return 'it is the contract check, not a canary check';
    case 'not-default-branch':
      return `its commit is not on the default branch ${r.branch} (head branch ${r.headBranch ?? 'unknown'})`;
    case 'fork':
      return 'it ran for a commit from another repository (a fork)';
    case 'no-canary-endpoint':
      return r.named === undefined
        ? 'no endpoint has a canary check of this name'
        : `no endpoint ${r.named} with a canary: policy`;
    case 'untrusted-app':
      return `it was created by the app ${JSON.stringify(r.app)}, not a trusted one (${r.trusted.join(', ')})`;
    case 'not-on-branch':
      return `its commit ${r.sha.slice(0, 7)} is not on ${r.branch} (tip ${r.tip.slice(0, 7)})`;
    case 'invalid-report':
      return `invalid canary report: ${r.problem}`;
    case 'inconsistent-report':
      return 'the endpoint or majors in the check run differ from those of its measurements';
    case 'unknown-major':
      return `${r.endpoint} has no v${r.major} on the default branch (the report's ${r.role})`;
    case 'inactive-candidate':
      return `${r.endpoint} v${r.major} is ${r.status} on the default branch: only an active major is promoted`;
    case 'retired-baseline':
      return `${r.endpoint} v${r.major} is retired: the alias is not rolled back to it`;
    case 'other-endpoint':
      return `the report is for ${r.reported}, but the check is ${r.endpoint}'s`;
    case 'same-major':
      return 'the candidate and the baseline are the same major';
    case 'no-promote-alias':
      return `${r.file} has no canary.promote.alias`;
    case 'no-alias':
      return `${r.file} has no alias ${r.alias}`;
    case 'already-promoted':
      return `alias ${r.alias} already points at v${r.candidate}`;
    case 'nothing-to-roll-back':
      return `rollback, but alias ${r.alias} points at v${r.current}, not the candidate v${r.candidate}: nothing to roll back`;
    case 'older-than-open':
      return `older than the open promotion to v${r.target} (#${r.pull})`;
    case 'hold-without-pull':
      return `hold, and no open promotion PR for v${r.candidate}`;
  }
}
