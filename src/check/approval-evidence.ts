/**
 * The approval evidence of one event, judged: an approve command, or the approve label. Either approves
 * fingerprints present at that moment — `approve all` expands to them — and each fingerprint only if the
 * approver may approve its scope: an endpoint (its owner in base counts) or the policy (only an admin,
 * maintainer or listed approver). Rights come from the `People` port; approvers and owners from base, so
 * what a PR writes cannot make its author an approver.
 */
import { andList } from '../policy/context.js';
import type { RefusedApproval } from '../policy/types.js';
import type { ApproveCommand } from './approve-command.js';
import type { RecordedApproval } from './ledger.js';
import { type PendingApprovals, byScope } from './pending-approvals.js';
import type { EndpointOwner, People } from './ports.js';

/** An approve command as an event brings it: what it approves, and its sender's login (without `@`). */
export type SentCommand = ApproveCommand & { by: string };

export interface LabelEvidence {
  name: string;
  /** The login that applied it in this very event (the sender); absent: ask `People` who applied it last. */
  appliedBy?: string;
}

export interface ApprovalEvidence {
  /** The approve label is on the PR. */
  label?: LabelEvidence;
  command?: SentCommand;
}

/** What an approver may not approve, and why (clauses). */
export interface Declined {
  why: string[];
  /** The endpoints concerned; empty when it is the policy change alone. */
  endpoints: EndpointOwner[];
  /** A change of the policy is among them. */
  policy: boolean;
}

export type CommandVerdict =
  /** `entries` go into the ledger; `declined`: what the sender may not approve of an `all`. */
  | { kind: 'recorded'; entries: RecordedApproval[]; as: string; declined?: Declined }
  | { kind: 'nothing-to-approve' }
  | { kind: 'unknown-fingerprint'; fingerprint: string; known: string[] }
  | ({ kind: 'not-allowed' } & Declined);

export type LabelVerdict =
  | { kind: 'not-needed' }
  /** Nobody to ask who applied it (the Action without GITHUB_REPOSITORY). */
  | { kind: 'unchecked' }
  /** `approved` (with `via: 'label'`) may be empty; `refused` says what the applier could not approve. */
  | { kind: 'judged'; approved: RecordedApproval[]; refused?: RefusedApproval };

interface Judged {
  approved: RecordedApproval[];
  as?: string;
  declined?: Declined;
}

/** Asks about rights once per scope and approves the fingerprints of the scopes the approver may. */
async function judge(
  login: string,
  fingerprints: readonly string[],
  context: { pending: PendingApprovals; approvers: readonly string[]; people: People },
  entry: Omit<RecordedApproval, 'fingerprint' | 'by' | 'reason'> & { reason?: (as: string) => string },
): Promise<Judged> {
  const out: Judged = { approved: [] };
  const why: string[] = [];
  const declined: Declined = { why, endpoints: [], policy: false };
  for (const group of byScope(context.pending, fingerprints)) {
    const endpoints = group.endpoint === undefined ? [] : [group.endpoint];
    const verdict = await context.people.mayApprove(login, { endpoints, approvers: context.approvers });
    if (verdict.allowed) {
      out.as ??= verdict.as;
      const reason = entry.reason?.(verdict.as);
      for (const fingerprint of group.fingerprints) {
        out.approved.push({
          fingerprint,
          by: login,
          ...(reason ? { reason } : {}),
          at: entry.at,
          via: entry.via,
        });
      }
      continue;
    }
    for (const clause of verdict.why) if (!why.includes(clause)) why.push(clause);
    if (group.endpoint === undefined) declined.policy = true;
    else declined.endpoints.push(group.endpoint);
  }
  if (declined.policy || declined.endpoints.length > 0) out.declined = declined;
  return out;
}

export async function judgeCommand(
  command: SentCommand,
  pending: PendingApprovals,
  approvers: readonly string[],
  people: People,
  now: Date,
): Promise<CommandVerdict> {
  const { fingerprint, reason, by } = command;
  const known = [...pending.fingerprints.keys()];
  if (known.length === 0) return { kind: 'nothing-to-approve' };
  if (fingerprint !== 'all' && !pending.fingerprints.has(fingerprint)) {
    return { kind: 'unknown-fingerprint', fingerprint, known };
  }
  const judged = await judge(
    by,
    fingerprint === 'all' ? known : [fingerprint],
    { pending, approvers, people },
    { at: now.toISOString(), via: 'command', ...(reason ? { reason: () => reason } : {}) },
  );
  if (judged.approved.length === 0) return { kind: 'not-allowed', ...(judged.declined as Declined) };
  return {
    kind: 'recorded',
    entries: judged.approved,
    as: judged.as as string,
    ...(judged.declined ? { declined: judged.declined } : {}),
  };
}

/** The label approves what needs approval at the moment it is applied, as far as its applier may. */
export async function judgeLabel(
  label: LabelEvidence,
  pending: PendingApprovals,
  approvers: readonly string[],
  people: People | undefined,
  now: Date,
): Promise<LabelVerdict> {
  if (pending.fingerprints.size === 0) return { kind: 'not-needed' };
  if (people === undefined) return { kind: 'unchecked' };
  try {
    const applier =
      label.appliedBy === undefined ? await people.labelApplier(label.name) : { login: label.appliedBy };
    if ('unknown' in applier) return { kind: 'judged', approved: [], refused: { reason: applier.unknown } };
    const judged = await judge(
      applier.login,
      [...pending.fingerprints.keys()],
      { pending, approvers, people },
      { at: now.toISOString(), via: 'label', reason: (as) => `applied the label as ${as}` },
    );
    const refused = judged.declined && {
      by: `@${applier.login}`,
      reason: `they applied the label "${label.name}" but are ${andList(judged.declined.why)}`,
    };
    return { kind: 'judged', approved: judged.approved, ...(refused ? { refused } : {}) };
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
    return {
      kind: 'judged',
      approved: [],
      refused: { reason: `the label "${label.name}" could not be checked: ${why}` },
    };
  }
}
