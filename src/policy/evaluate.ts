/**
 * The versioning policy (DESIGN §3): the tree diff in, findings out. Checks produce findings from the diff
 * and both trees; modifiers (`failOn: never`, approvals, ordering) are pure `Finding[] → Finding[]` steps.
 * The policy is head's `contractguard.yaml`.
 */
import type { ContractSet, Policy } from '../model/types.js';
import type { TreeDiff } from '../tree/diff.js';
import type { Approval, Finding, RefusedApproval } from './types.js';
import { approve, refusedApprovals, unmatchedApprovals } from './approvals.js';
import type { Modifier, PolicyContext } from './context.js';
import { type ConsumerContractProblem, consumerFindings } from './consumers.js';
import { aliases, deprecations, invalidFiles, removals } from './lifecycle.js';
import { BREAKING_IN_EXISTING_MAJOR, breakingChanges, versionNumbers } from './versions.js';

export interface EvaluateOptions {
  /** Approvals as the front end verified them. */
  approvals?: Approval[];
  /** Approvals the front end refused: reported, approve nothing. */
  refused?: RefusedApproval[];
  /** Overrides `failOn` of head's `contractguard.yaml` (the Action's `fail-on` input). */
  failOn?: Policy['failOn'];
  /** The clock, for deprecation dates (tests inject it). Default: now. */
  now?: Date;
  /** Problems of the consumer checks on head (fixtures, expects): each fails the check. */
  consumerProblems?: readonly ConsumerContractProblem[];
}

const CHECKS: readonly ((ctx: PolicyContext) => Finding[])[] = [
  invalidFiles,
  breakingChanges,
  versionNumbers,
  deprecations,
  removals,
  aliases,
];

export function evaluatePolicy(
  diff: TreeDiff,
  base: ContractSet,
  head: ContractSet,
  opts: EvaluateOptions = {},
): Finding[] {
  const policy = opts.failOn === undefined ? head.policy : { ...head.policy, failOn: opts.failOn };
  const ctx: PolicyContext = { diff, base, head, policy, now: opts.now ?? new Date() };
  const approvals = opts.approvals ?? [];
  const findings = [
    ...CHECKS.flatMap((check) => check(ctx)),
    ...unmatchedApprovals(approvals, diff.versions),
    ...refusedApprovals(opts.refused ?? []),
    ...consumerFindings(opts.consumerProblems ?? []),
  ];
  const modifiers: Modifier[] = [
    ...(ctx.policy.failOn === 'never' ? [downgrade(BREAKING_IN_EXISTING_MAJOR)] : []),
    approve(approvals),
    supersededBumps,
    sortFindings,
  ];
  return modifiers.reduce((acc, step) => step(acc), findings);
}

/** `failOn: never`: breaking changes are reported, never fail the check. */
export function downgrade(rule: string): Modifier {
  return (findings) =>
    findings.map((f) => (f.rule === rule && f.level === 'error' ? { ...f, level: 'warning' as const } : f));
}

/**
 * While a major still carries an unapproved breaking change, the fix is a new major, not a minor bump:
 * asking for both would send the author the wrong way, so the bump finding waits until the break is
 * resolved (approved, moved, or made additive).
 */
export const supersededBumps: Modifier = (findings) => {
  const blocked = new Set(
    findings
      .filter((f) => f.rule === BREAKING_IN_EXISTING_MAJOR && f.level === 'error')
      .map((f) => `${f.endpoint}\u0000${f.major}`),
  );
  return findings.filter(
    (f) => f.rule !== 'minor-bump-missing' || !blocked.has(`${f.endpoint}\u0000${f.major}`),
  );
};

const LEVELS = ['error', 'warning', 'notice'] as const;

/** Errors first, then by endpoint, major, rule and message: stable between runs. */
export const sortFindings: Modifier = (findings) =>
  [...findings].sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      cmp(a.endpoint ?? '', b.endpoint ?? '') ||
      (a.major ?? -1) - (b.major ?? -1) ||
      cmp(a.rule, b.rule) ||
      cmp(a.message, b.message),
  );

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
