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

/** What one approval does in a report: the changes it covers, and what still fails where they are. */
export interface ApprovalCoverage {
  approval: Approval;
  /**
   * The fingerprints it covers, in report order (changes first, then policy changes): the one it names, or
   * under `all` every breaking or dangerous change and every fingerprint of an approvable finding that no
   * approval names (a named approval takes precedence, as in `approve` and `markApproved`).
   */
  covers: string[];
  /**
   * The error findings left, after every approval, in the endpoint majors of the changes it covers (a missing
   * version bump, consumers' fixtures, changes it does not cover); for a policy change, the policy errors
   * left. No approval lifts these: they are what still blocks after it.
   */
  stillBlocking: Finding[];
}

/**
 * For each approval, which changes it covers and what still blocks after it: the report says so beside each
 * approval, so nobody approves expecting a pass that the approval cannot give. `findings` are the ones after
 * approvals were applied (`approve`).
 */
export function approvalCoverage(
  approvals: readonly Approval[],
  versions: readonly VersionReport[],
  findings: readonly Finding[],
): ApprovalCoverage[] {
  const changes = versions.flatMap((v) => v.changes);
  const approvable = new Set<string>();
  const policyFingerprints = new Set<string>();
  for (const f of findings) {
    if (!APPROVABLE.has(f.rule) && f.rule !== FINDINGS.breakingChangeApproved.id) continue;
    for (const fp of f.fingerprints ?? []) {
      approvable.add(fp);
      if (f.endpoint === undefined) policyFingerprints.add(fp);
    }
  }
  for (const c of changes)
    if (c.severity === 'breaking' || c.severity === 'dangerous') approvable.add(c.fingerprint);
  const ordered = [
    ...new Set([
      ...changes.map((c) => c.fingerprint),
      ...[...approvable].filter((fp) => !changes.some((c) => c.fingerprint === fp)),
    ]),
  ];
  const coverer = (fp: string): Approval | undefined =>
    approvals.find((a) => a.fingerprint === fp) ??
    (approvable.has(fp) ? approvals.find((a) => a.fingerprint === 'all') : undefined);
  const key = (endpoint: string | undefined, major: number | undefined) =>
    `${endpoint ?? ''}\u0000${major ?? ''}`;
  return approvals.map((approval) => {
    const covers = ordered.filter((fp) => coverer(fp) === approval);
    const scopes = new Set<string>();
    for (const fp of covers) {
      const c = changes.find((x) => x.fingerprint === fp);
      if (c !== undefined) scopes.add(key(c.endpoint, c.major));
      else if (policyFingerprints.has(fp)) scopes.add(key(undefined, undefined));
    }
    const stillBlocking = findings.filter(
      (f) =>
        f.level === 'error' &&
        (scopes.has(key(f.endpoint, f.major)) ||
          (f.endpoint !== undefined &&
            f.major === undefined &&
            [...scopes].some((s) => s.startsWith(`${f.endpoint}\u0000`)))),
    );
    return { approval, covers, stillBlocking };
  });
}
