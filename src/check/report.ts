/**
 * The whole check for a PR: diff the two trees, judge the diff, one plain-data report. Base's policy judges:
 * what a PR writes into contractguard.yaml takes effect after merge, and each such change needs its own
 * approval (policy-change.ts).
 */
import type { ContractSet, Policy } from '../model/types.js';
import { approve, markApproved } from '../policy/approvals.js';
import { evaluatePolicy, sortFindings } from '../policy/evaluate.js';
import { FINDINGS, finding } from '../policy/findings.js';
import { maxSeverity } from '../diff/types.js';
import { checkConsumers } from '../consumers/fixtures.js';
import { markConsumers } from '../consumers/impact.js';
import { versionsWithCounterexamples } from '../evidence/attach.js';
import { type TreeDiffOptions, diffTrees } from '../tree/diff.js';
import type { TreeReport } from './types.js';
import type { Approval, Finding, RefusedApproval } from '../policy/types.js';
import { policyChanges } from './policy-change.js';

export interface BuildReportOptions extends TreeDiffOptions {
  base: ContractSet;
  head: ContractSet;
  /** Names of the two refs, as shown in the report (`main`, `a1b2c3d`). */
  baseRef: string;
  headRef: string;
  approvals?: Approval[];
  /** Approvals the front end refused (who tried, why it does not count): reported as warnings. */
  refusedApprovals?: RefusedApproval[];
  /** Overrides `failOn` of base's `contractguard.yaml`. */
  failOn?: Policy['failOn'];
  /** The approval ledger read back had a seal that did not verify: it was ignored, and the report says so. */
  ledgerTampered?: boolean;
  /** The clock, for deprecation dates. Default: now. */
  now?: Date;
}

export async function buildReport(opts: BuildReportOptions): Promise<TreeReport> {
  const { base, baseRef, headRef } = opts;
  const approvals = opts.approvals ?? [];
  // Head as it is judged: its contracts under base's policy (a PR cannot relax its own gate).
  const head: ContractSet = { ...opts.head, policy: base.policy };
  const diff = await diffTrees(base, head, {
    ...(opts.semantics ? { semantics: opts.semantics } : {}),
    ...(opts.overrides ? { overrides: opts.overrides } : {}),
    ...(opts.semanticTimeoutMs === undefined ? {} : { semanticTimeoutMs: opts.semanticTimeoutMs }),
  });
  // Every registered consumer's fixtures and expects are checked against head, as `contractguard check` does:
  // a PR that breaks what a consumer relies on fails even when no version rule catches it.
  const consumerProblems = await checkConsumers(head);
  const policyFindings = policyChanges(base, opts.head);
  const onPolicy = new Set(policyFindings.flatMap((f) => f.fingerprints ?? []));
  const findings = sortFindings([
    ...evaluatePolicy(diff, base, head, {
      // Approvals of a policy change are applied below: the diff's own check would call them unmatched.
      approvals: approvals.filter((a) => !onPolicy.has(a.fingerprint)),
      consumerProblems,
      // The fixes print `git checkout <base> -- …`: the branch name of `main (a1b2c3d)`.
      baseRef: baseRef.split(' ')[0] ?? baseRef,
      ...(opts.refusedApprovals ? { refused: opts.refusedApprovals } : {}),
      ...(opts.failOn ? { failOn: opts.failOn } : {}),
      ...(opts.now ? { now: opts.now } : {}),
    }),
    ...approve(approvals)(policyFindings),
    ...(opts.ledgerTampered ? [tamperedLedger()] : []),
  ]);
  const versions = versionsWithCounterexamples(
    markApproved(markConsumers(diff.versions, base, head), approvals),
    base,
    head,
  );
  return {
    base: baseRef,
    head: headRef,
    root: head.root,
    verdict: maxSeverity(versions.flatMap((v) => v.changes.map((c) => c.severity))),
    passed: !findings.some((f) => f.level === 'error'),
    versions,
    aliasMoves: diff.aliasMoves,
    findings,
    problems: head.problems,
    ...(head.unreadable?.length ? { unreadable: head.unreadable } : {}),
    approvals,
  };
}

function tamperedLedger(): Finding {
  return finding(FINDINGS.approvalLedgerTampered, {
    message:
      "a state marker in the bot's comment was edited by someone else; ignored, with the approvals it claims",
    fix: 'approvals recorded before it count no more: approve again with `/contractguard approve <fingerprint>`',
  });
}

/** The report of a comparison that found nothing: no changes, no findings, passed. */
export function emptyReport(base: string, head: string, root: string): TreeReport {
  return {
    base,
    head,
    root,
    verdict: 'none',
    passed: true,
    versions: [],
    aliasMoves: [],
    findings: [],
    problems: [],
    approvals: [],
  };
}

/** Anything beyond "no contract changes": a change with an effect, a finding or a problem. */
export function worthCommenting(report: TreeReport): boolean {
  return (
    report.findings.length > 0 ||
    report.problems.length > 0 ||
    report.aliasMoves.length > 0 ||
    report.versions.some((v) => v.kind !== 'unchanged' && v.changes.some((c) => c.severity !== 'none'))
  );
}
