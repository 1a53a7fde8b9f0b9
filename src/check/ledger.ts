/**
 * The approval ledger of a PR: what the bot remembers between events — the approvals it recorded (who, which
 * fingerprint, when, how) and whether the last report passed — as a hidden marker line holding JSON, kept in
 * the bot's own sticky comment rather than in a database.
 *
 * Anyone with write access can edit any comment, the bot's included, so the marker is sealed: an HMAC-SHA256
 * over the PR it belongs to and the JSON, under a key only the bot holds. A marker whose seal does not verify
 * (edited, pasted, copied from another PR, or written by an older contractguard) is ignored and reported.
 * Without a key nothing is sealed, so nothing read back is trusted: only `last`, which decides no check.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import type { Approval } from '../policy/types.js';

export const STATE_MARKER = 'contractguard:state';

export interface RecordedApproval {
  /** The approved change's fingerprint (an `approve all` is recorded as the fingerprints it covered then). */
  fingerprint: string;
  /** Login, without `@`. */
  by: string;
  reason?: string;
  /** ISO time the approval was given. */
  at: string;
  /** How it was given: an approve command, or the approve label (which counts only while it is on the PR). */
  via: 'command' | 'label';
}

export interface BotState {
  approvals: RecordedApproval[];
  /** Outcome of the last posted report: `failed` lets a later passing report say the problems are gone. */
  last?: { sha: string; passed: boolean };
}

/** The bot's secret key and the PR a marker belongs to (`acme/api#7`): a marker never moves between PRs. */
export interface LedgerSeal {
  key: string;
  pullRequest: string;
}

export interface ReadLedger {
  state: BotState;
  /** A marker was there but its seal did not verify: it was ignored. */
  tampered: boolean;
}

const STATE_PATTERN = /<!-- contractguard:state (\{[^\n]*?\})(?: ([0-9a-f]{64}))? -->/;

export function emptyState(): BotState {
  return { approvals: [] };
}

function isApproval(v: unknown): v is RecordedApproval {
  const a = v as Partial<RecordedApproval> | null;
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.fingerprint === 'string' &&
    typeof a.by === 'string' &&
    typeof a.at === 'string' &&
    (a.via === 'command' || a.via === 'label') &&
    (a.reason === undefined || typeof a.reason === 'string')
  );
}

function seal(json: string, sealing: LedgerSeal): string {
  return createHmac('sha256', sealing.key).update(`${sealing.pullRequest}\n${json}`).digest('hex');
}

function verified(json: string, signature: string | undefined, sealing: LedgerSeal): boolean {
  if (signature === undefined) return false;
  return timingSafeEqual(Buffer.from(seal(json, sealing), 'hex'), Buffer.from(signature, 'hex'));
}

/** The ledger in a comment body. Approvals count only under a seal that verifies; `last` is display only. */
export function readState(body: string | null | undefined, sealing: LedgerSeal | undefined): ReadLedger {
  const match = STATE_PATTERN.exec(body ?? '');
  if (!match?.[1]) return { state: emptyState(), tampered: false };
  const json = match[1];
  if (sealing !== undefined && !verified(json, match[2], sealing))
    return { state: emptyState(), tampered: true };
  try {
    const raw = JSON.parse(json) as { approvals?: unknown; last?: { sha?: unknown; passed?: unknown } };
    const approvals =
      sealing !== undefined && Array.isArray(raw.approvals) ? raw.approvals.filter(isApproval) : [];
    const last =
      typeof raw.last?.sha === 'string' && typeof raw.last.passed === 'boolean'
        ? { sha: raw.last.sha, passed: raw.last.passed }
        : undefined;
    return { state: { approvals, ...(last ? { last } : {}) }, tampered: false };
  } catch {
    return { state: emptyState(), tampered: sealing !== undefined };
  }
}

/**
 * The marker line, sealed when there is a key. `<`, `>` and `-` are escaped in the JSON so the text can never
 * close the comment.
 */
export function renderState(state: BotState, sealing: LedgerSeal | undefined): string {
  const kept = sealing === undefined ? { ...state, approvals: [] } : state;
  const json = JSON.stringify(kept).replace(
    /[<>-]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `<!-- ${STATE_MARKER} ${json}${sealing === undefined ? '' : ` ${seal(json, sealing)}`} -->`;
}

/** The approvals the core takes (`by` as a mention). */
export function toCoreApprovals(recorded: readonly RecordedApproval[]): Approval[] {
  return recorded.map((a) => ({
    fingerprint: a.fingerprint,
    by: `@${a.by}`,
    ...(a.reason ? { reason: a.reason } : {}),
  }));
}

/** Adds approvals, each replacing an earlier one by the same person for the same fingerprint the same way. */
export function withApprovals(state: BotState, added: readonly RecordedApproval[]): BotState {
  const same = (a: RecordedApproval, b: RecordedApproval) =>
    a.by.toLowerCase() === b.by.toLowerCase() && a.fingerprint === b.fingerprint && a.via === b.via;
  const rest = state.approvals.filter((a) => !added.some((b) => same(a, b)));
  return { ...state, approvals: [...rest, ...added] };
}
