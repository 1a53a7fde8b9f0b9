/**
 * The versioning policy (DESIGN §3): the tree diff in, findings out. Checks produce findings from the diff
 * and both trees; modifiers (`failOn: never`, approvals, ordering) are pure `Finding[] → Finding[]` steps.
 * The policy is `head.policy`: the PR check passes head under base's policy (src/check/report.ts).
 */
import type { ContractSet, Policy } from '../model/types.js';
import type { TreeDiff } from '../tree/diff.js';
import type { Approval, Finding, RefusedApproval } from './types.js';
import { approve, refusedApprovals, unmatchedApprovals } from './approvals.js';
import { type Modifier, type PolicyContext, andList } from './context.js';
import { type ConsumerContractProblem, consumerFindings } from './consumers.js';
import { FINDINGS } from './findings.js';
import { aliases, deprecations, invalidFiles, removals } from './lifecycle.js';
import { ruleOverrides } from './overrides.js';
import { breakingChanges, nextMinor, parseSemver, versionNumbers } from './versions.js';

export interface EvaluateOptions {
  /** Approvals as the front end verified them. */
  approvals?: Approval[];
  /** Approvals the front end refused: reported, approve nothing. */
  refused?: RefusedApproval[];
  /** Overrides `failOn` of the policy (the Action's `fail-on` input). */
  failOn?: Policy['failOn'];
  /** The clock, for deprecation dates (tests inject it). Default: now. */
  now?: Date;
  /** Problems of the consumer checks on head (fixtures, expects): each fails the check. */
  consumerProblems?: readonly ConsumerContractProblem[];
  /** The base as the author names it locally (`main`), for the `git checkout` and `new-version` commands fixes print. */
  baseRef?: string;
}

const CHECKS: readonly ((ctx: PolicyContext) => Finding[])[] = [
  invalidFiles,
  breakingChanges,
  versionNumbers,
  deprecations,
  removals,
  aliases,
  ruleOverrides,
];

export function evaluatePolicy(
  diff: TreeDiff,
  base: ContractSet,
  head: ContractSet,
  opts: EvaluateOptions = {},
): Finding[] {
  const policy = opts.failOn === undefined ? head.policy : { ...head.policy, failOn: opts.failOn };
  const ctx: PolicyContext = {
    diff,
    base,
    head,
    policy,
    now: opts.now ?? new Date(),
    ...(opts.baseRef === undefined ? {} : { baseRef: opts.baseRef }),
  };
  const approvals = opts.approvals ?? [];
  const findings = [
    ...CHECKS.flatMap((check) => check(ctx)),
    ...unmatchedApprovals(approvals, diff.versions),
    ...refusedApprovals(opts.refused ?? []),
    ...consumerFindings(ctx, opts.consumerProblems ?? []),
  ];
  const modifiers: Modifier[] = [
    ...(ctx.policy.failOn === 'never' ? [downgrade(FINDINGS.breakingChangeInExistingMajor.id)] : []),
    waysOut(ctx, opts.consumerProblems ?? []),
    approve(approvals),
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
 * Every way out of a breaking change, complete, in the first report: an approval lifts only the breaking
 * finding, so when the same major also fails for a missing version bump or a consumer's fixtures, the
 * breaking finding says so ("approval alone won't pass: also …"), and the bump finding says it is not
 * needed if the change moves to a new major instead. No error is held back to appear after an approval.
 */
export function waysOut(ctx: PolicyContext, problems: readonly ConsumerContractProblem[]): Modifier {
  return (findings) => {
    const key = (endpoint: string | undefined, major: number | undefined) => `${endpoint}\u0000${major}`;
    const breaking = new Map<string, Finding>();
    for (const f of findings)
      if (f.rule === FINDINGS.breakingChangeInExistingMajor.id && f.level === 'error')
        breaking.set(key(f.endpoint, f.major), f);
    if (breaking.size === 0) return findings;
    const bumps = new Map<string, Finding>();
    for (const f of findings)
      if (f.rule === FINDINGS.minorBumpMissing.id && f.level === 'error')
        bumps.set(key(f.endpoint, f.major), f);
    return findings.map((f) => {
      const k = key(f.endpoint, f.major);
      const brk = breaking.get(k);
      if (brk === undefined) return f;
      if (f === brk) {
        const report = ctx.diff.versions.find((v) => key(v.endpoint, v.major) === k);
        const base = parseSemver(report?.baseVersion);
        const bump = bumps.has(k) ? (base === undefined ? 'the next minor' : nextMinor(base)) : undefined;
        const also = alsoNeeded(
          bump,
          problems.filter((p) => key(p.endpoint, p.major) === k),
        );
        return also === undefined
          ? f
          : { ...f, fix: `${f.fix ?? ''}. Approval alone won't pass: also ${also}` };
      }
      if (f.rule === FINDINGS.minorBumpMissing.id && f.level === 'error') {
        // Only breaking changes call for the bump: moving them to a new major leaves nothing to bump.
        const onlyBreaking = (f.fingerprints ?? []).every((fp) => brk.fingerprints?.includes(fp));
        if (!onlyBreaking) return f;
        return {
          ...f,
          fix: `${f.fix ?? ''}, if the breaking change stays in v${f.major}; moved to a new major, v${f.major} needs no bump`,
        };
      }
      return f;
    });
  };
}

/** "bump version to 3.3.0 and update the fixtures of retool-ops-dashboard and the expects of nightly-export". */
function alsoNeeded(
  bump: string | undefined,
  problems: readonly ConsumerContractProblem[],
): string | undefined {
  const parts: string[] = [];
  if (bump !== undefined) parts.push(`bump version to ${bump}`);
  const fixtures = unique(problems.filter((p) => p.kind !== 'expects').map((p) => p.consumer));
  const expects = unique(problems.filter((p) => p.kind === 'expects').map((p) => p.consumer));
  if (fixtures.length > 0) parts.push(`update the fixtures of ${andList(fixtures)}`);
  if (expects.length > 0) parts.push(`update the \`expects\` of ${andList(expects)}`);
  return parts.length === 0 ? undefined : andList(parts);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

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
