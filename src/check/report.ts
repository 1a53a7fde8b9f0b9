/** The whole check for a PR: diff the two trees, judge the diff, one plain-data report. */
import type { ContractSet, Policy } from '../model/types.js';
import { markApproved } from '../policy/approvals.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import { maxSeverity } from '../diff/types.js';
import { checkConsumers } from '../consumers/fixtures.js';
import { markConsumers } from '../consumers/impact.js';
import { type TreeDiffOptions, diffTrees } from '../tree/diff.js';
import type { TreeReport } from './types.js';
import type { Approval, RefusedApproval } from '../policy/types.js';

export interface BuildReportOptions extends TreeDiffOptions {
  base: ContractSet;
  head: ContractSet;
  /** Names of the two refs, as shown in the report (`main`, `a1b2c3d`). */
  baseRef: string;
  headRef: string;
  approvals?: Approval[];
  /** Approvals the front end refused (who tried, why it does not count): reported as warnings. */
  refusedApprovals?: RefusedApproval[];
  /** Overrides `failOn` of head's `contractguard.yaml`. */
  failOn?: Policy['failOn'];
  /** The clock, for deprecation dates. Default: now. */
  now?: Date;
}

export async function buildReport(opts: BuildReportOptions): Promise<TreeReport> {
  const { base, head, baseRef, headRef } = opts;
  const approvals = opts.approvals ?? [];
  const diff = await diffTrees(base, head, {
    ...(opts.semantics ? { semantics: opts.semantics } : {}),
    ...(opts.overrides ? { overrides: opts.overrides } : {}),
    ...(opts.semanticTimeoutMs === undefined ? {} : { semanticTimeoutMs: opts.semanticTimeoutMs }),
  });
  // Every registered consumer's fixtures and expects are checked against head, as `contractguard check` does:
  // a PR that breaks what a consumer relies on fails even when no version rule catches it.
  const consumerProblems = await checkConsumers(head);
  const findings = evaluatePolicy(diff, base, head, {
    approvals,
    consumerProblems,
    ...(opts.refusedApprovals ? { refused: opts.refusedApprovals } : {}),
    ...(opts.failOn ? { failOn: opts.failOn } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const versions = markApproved(markConsumers(diff.versions, base, head), approvals);
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
    approvals,
  };
}
