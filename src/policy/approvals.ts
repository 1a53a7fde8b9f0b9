/**
 * Approvals as verified by the front end (who may approve is checked there, against GitHub): a finding
 * whose changes are all approved becomes a notice that names who approved; approved changes record it.
 */
import type { TreeChange, VersionReport } from '../tree/types.js';
import type { Approval, Finding, RefusedApproval } from './types.js';
import { type Modifier, andList, plural } from './context.js';
import { FINDINGS } from './findings.js';

/** Findings an approval can turn into a notice: the ones that are about breaking someone. */
export const APPROVABLE: ReadonlySet<string> = new Set([
  FINDINGS.breakingChangeInExistingMajor.id,
  FINDINGS.majorRemovedWithConsumers.id,
  FINDINGS.policyChanged.id,
]);

/** The approval that covers a fingerprint: one naming it, else an `all`. */
export function approvalFor(approvals: readonly Approval[], fingerprint: string): Approval | undefined {
  return (
    approvals.find((a) => a.fingerprint === fingerprint) ?? approvals.find((a) => a.fingerprint === 'all')
  );
}

function byWhom(covering: readonly Approval[]): string {
  const names = [...new Set(covering.map((a) => a.by))];
  const reasons = [...new Set(covering.map((a) => a.reason).filter((r): r is string => !!r))];
  return `${andList(names)}${reasons.length ? ` (${reasons.map((r) => JSON.stringify(r)).join('; ')})` : ''}`;
}

/** What an approved finding was about, for the notice. */
function approvedSubject(finding: Finding): string {
  if (finding.rule === FINDINGS.policyChanged.id)
    return `the policy change ${finding.fingerprints?.join(', ') ?? ''} in contractguard.yaml`;
  const where = `major v${finding.major} of ${finding.endpoint}`;
  if (finding.rule === FINDINGS.majorRemovedWithConsumers.id)
    return `${finding.message.startsWith('retiring') ? 'retiring' : 'removing'} ${where} although registered consumers use it`;
  const n = finding.fingerprints?.length ?? 0;
  return `${n === 1 ? 'breaking change' : `${n} breaking changes`} in ${where}`;
}

export function approve(approvals: readonly Approval[]): Modifier {
  return (findings) =>
    findings.map((finding) => {
      const fingerprints = finding.fingerprints ?? [];
      if (!APPROVABLE.has(finding.rule) || finding.level === 'notice' || !fingerprints.length) return finding;
      const covering = fingerprints.map((fp) => approvalFor(approvals, fp));
      const approved = covering.filter((a): a is Approval => a !== undefined);
      if (approved.length === fingerprints.length) {
        const { fix: _done, ...rest } = finding;
        return {
          ...rest,
          rule: FINDINGS.breakingChangeApproved.id,
          level: FINDINGS.breakingChangeApproved.level,
          message: `${approvedSubject(finding)} approved by ${byWhom(approved)}`,
        };
      }
      if (!approved.length) return finding;
      const missing = fingerprints.filter((_, i) => covering[i] === undefined);
      return {
        ...finding,
        message: `${finding.message} (${approved.length} of ${plural(fingerprints.length, 'change')} approved; not yet: ${missing.join(', ')})`,
      };
    });
}

/** Approvals that name a fingerprint no change has: usually stale after the change moved. */
export function unmatchedApprovals(
  approvals: readonly Approval[],
  versions: readonly VersionReport[],
): Finding[] {
  const known = new Set(versions.flatMap((v) => v.changes.map((c) => c.fingerprint)));
  return approvals
    .filter((a) => a.fingerprint !== 'all' && !known.has(a.fingerprint))
    .map((a) => ({
      rule: FINDINGS.approvalUnmatched.id,
      level: FINDINGS.approvalUnmatched.level,
      message: `the approval of ${a.fingerprint} by ${a.by} matches no change in this diff`,
      fix: 'the change it approved may have moved or gone; approve the current fingerprint if it still needs one',
      fingerprints: [a.fingerprint],
    }));
}

/** Approvals the front end refused: a warning each, saying who tried and why it does not count. */
export function refusedApprovals(refused: readonly RefusedApproval[]): Finding[] {
  return refused.map((r) => ({
    rule: FINDINGS.approvalNotCounted.id,
    level: FINDINGS.approvalNotCounted.level,
    message: `the approval${r.by === undefined ? '' : ` by ${r.by.startsWith('@') ? r.by : `@${r.by}`}`} does not count: ${r.reason}`,
    fix: "an admin or maintainer of the repository, an approver listed in contractguard.yaml or the endpoint's owner has to approve",
  }));
}

/**
 * The versions with `approvedBy` set on covered changes: every change an approval names, and every
 * breaking or dangerous change under an `all`.
 */
export function markApproved(
  versions: readonly VersionReport[],
  approvals: readonly Approval[],
): VersionReport[] {
  if (!approvals.length) return [...versions];
  const mark = (change: TreeChange): TreeChange => {
    const named = approvals.find((a) => a.fingerprint === change.fingerprint);
    const all = approvals.find((a) => a.fingerprint === 'all');
    const by = named ?? (change.severity === 'breaking' || change.severity === 'dangerous' ? all : undefined);
    return by ? { ...change, approvedBy: by.by } : change;
  };
  return versions.map((v) => ({ ...v, changes: v.changes.map(mark) }));
}
